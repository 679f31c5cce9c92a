// Starts Phaser in a DOM element (resizing with it) and feeds the scene its model.
import Phaser from "phaser";
import { BoardScene, type BoardModel } from "./scene.ts";

export interface BoardHandle {
  setModel(m: BoardModel): void;
  destroy(): void;
}

export function mountBoard(parent: HTMLElement): BoardHandle {
  const scene = new BoardScene();
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: "#0b1220",
    scale: { mode: Phaser.Scale.RESIZE, width: parent.clientWidth || 360, height: parent.clientHeight || 300 },
    scene: [scene],
    banner: false,
    audio: { noAudio: true },
    render: { antialias: true, roundPixels: false },
    input: { keyboard: false },
  } as Phaser.Types.Core.GameConfig);
  let pending: BoardModel | null = null;
  let booted = false;
  game.events.once("ready", () => {
    booted = true;
    if (pending) scene.setModel(pending);
  });
  return {
    setModel(m) {
      pending = m;
      if (booted) scene.setModel(m);
    },
    destroy() {
      game.destroy(true);
    },
  };
}
