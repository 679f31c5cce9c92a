// Seeded randomness kept inside the game state, so a saved game resumes the same sequence.
import { xoroshiro128plus, xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

export function seedState(seed: number): number[] {
  return [...xoroshiro128plus(seed | 0).getState()];
}

export class Rng {
  private gen: RandomGenerator;
  constructor(state: readonly number[]) {
    this.gen = xoroshiro128plusFromState(state);
  }
  /** Uniform in [0, 1). */
  next(): number {
    return uniformFloat64(this.gen);
  }
  /** Roughly normal (sum of uniforms), mean 0, sd 1: cheap and deterministic. */
  normal(): number {
    return this.next() + this.next() + this.next() + this.next() - 2;
  }
  state(): number[] {
    return [...this.gen.getState()];
  }
}
