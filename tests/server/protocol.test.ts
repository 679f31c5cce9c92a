// The shared protocol schemas alone (no server): what a client may check before sending.
import { describe, expect, it } from "vitest";
import { seeds } from "../../seeds/index.ts";
import { createGame } from "../../shared/src/index.ts";
import {
  checkProposedOffer,
  checkSubmittedSheet,
  CLIENT_MESSAGE_TYPES,
  CODE_ALPHABET,
  CreateOptions,
  ErrorReply,
  makeRoomCode,
  parseClientMessage,
  resolveSeats,
} from "../../shared/src/protocol/index.ts";

describe("protocol", () => {
  it("parses each message type and names the faulty field", () => {
    expect(CLIENT_MESSAGE_TYPES).toEqual(["setName", "chooseSeat", "ready", "takeSeat", "settings", "addBot", "removeBot", "moveSeat", "start", "submitSheet", "proposeOffer", "withdrawOffer", "acceptOffer", "rejectOffer"]);
    expect(parseClientMessage("start", undefined)).toMatchObject({ ok: true, type: "start" });
    expect(parseClientMessage("chooseSeat", { seat: null })).toMatchObject({ ok: true, data: { seat: null } });
    const bad = parseClientMessage("ready", { ready: "yes" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(ErrorReply.parse(bad.error)).toMatchObject({ code: "bad_message", type: "ready", field: "ready" });
      expect(bad.error.message).toMatch(/ready: .*boolean/);
    }
    const unknown = parseClientMessage(42, {});
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toContain("submitSheet");
    const offer = parseClientMessage("proposeOffer", { offer: { id: "x", to: "meta", kind: "loan", loan: "gpu", amount: 5, spread: 0.03, quarters: 8 } });
    expect(offer.ok && (offer.data as any).offer.maxLtv).toBe(0.75);
    const key = parseClientMessage("acceptOffer", { key: "no-slash" });
    expect(!key.ok && key.error.field).toBe("key");
  });

  it("create options have defaults and bounds", () => {
    expect(CreateOptions.parse({})).toMatchObject({ decideSeconds: 90, bots: true, private: false });
    expect(CreateOptions.safeParse({ rounds: 5 }).success).toBe(false);
    expect(CreateOptions.safeParse({ seats: Array(9).fill("nvidia") }).success).toBe(false);
    expect(CreateOptions.safeParse({ name: "\u0000" }).success).toBe(false);
  });

  it("room codes use the unambiguous alphabet", () => {
    let i = 0;
    const code = makeRoomCode((n) => i++ % n);
    expect(code).toBe("ABCDEF");
    expect(CODE_ALPHABET).not.toMatch(/[ILO01]/);
    expect(makeRoomCode((n) => n - 1)).toBe("ZZZZZZ");
  });

  it("seats by role take distinct profiles; unknown seats are named", () => {
    const r = resolveSeats(["lender", "lender", "pimco", "chipmaker"], seeds.profiles);
    expect(r.ok && r.seats.map((s) => s.profile)).toEqual(["blue-owl", "apollo", "pimco", "nvidia"]);
    const bad = resolveSeats(["nvidia", "bank"], seeds.profiles);
    expect(!bad.ok && bad.issues[0].field).toBe("seats.1");
  });

  it("sheets and offers are checked against the state with the engine's rules", () => {
    const setup = { ...seeds, scenario: seeds.scenarios["boom-2025"] };
    const g = createGame(setup, ["nvidia", "meta", "coreweave", "apollo"].map((profile) => ({ profile })), 1);
    expect(checkSubmittedSheet(g, "meta", { role: "hyperscaler", chips: [{ from: "nvidia", lots: 2 }] }).ok).toBe(true);
    const wrong = checkSubmittedSheet(g, "meta", { role: "hyperscaler", chips: [{ from: "coreweave", lots: 2 }] });
    expect(!wrong.ok && wrong.error).toMatchObject({ code: "bad_sheet", field: "sheet.chips.0.from" });
    const loan = { id: "l1", to: "coreweave", kind: "loan" as const, loan: "gpu" as const, amount: 5, spread: 0.03, maxLtv: 0.75, quarters: 8 };
    expect(checkProposedOffer(g, "apollo", loan, []).ok).toBe(true);
    expect(checkProposedOffer(g, "apollo", loan, [loan])).toMatchObject({ ok: false, error: { field: "offer.id" } });
    expect(checkProposedOffer(g, "meta", loan, [])).toMatchObject({ ok: false, error: { code: "bad_offer", field: "offer.kind" } });
  });
});
