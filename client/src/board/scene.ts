// The market board, drawn by Phaser: each company a node (role colour and shape, share price and
// its sparkline, leverage, LTV against its covenant), the AI labs and the bond market as nodes too,
// the quarter's deals as animated links in the direction the money goes (circular deals show up as
// loops), and the hype thermometer. It only draws what the store holds.
import Phaser from "phaser";
import { covenantStatus, findLoops, flowLinks, LABS_NODE, loopEdges, MARKET_NODE, type Link } from "../../../shared/src/preview/index.ts";
import { LINK_COLORS, roleLook } from "../roles.ts";
import type { CompanyJ, EventJ, MacroJ, Phase } from "../types.ts";

export interface BoardLabels {
  labs: string;
  market: string;
  hype: string;
  you: string;
  bankrupt: string;
  covenantClose: string;
  covenantBreach: string;
  loop: string;
  lev: string;
  links: Record<string, string>;
  money: (x: number) => string;
  pct: (x: number) => string;
  signedPct: (x: number) => string;
  bn: (x: number) => string;
}

export interface BoardModel {
  companies: CompanyJ[];
  macro: MacroJ;
  hype: number[];
  events: EventJ[];
  round: number;
  phase: Phase;
  me?: string;
  labels: BoardLabels;
}

interface NodeView {
  id: string;
  x: number;
  y: number;
  r: number;
  shape: Phaser.GameObjects.Graphics;
  name: Phaser.GameObjects.Text;
  price: Phaser.GameObjects.Text;
  info: Phaser.GameObjects.Text;
  warn: Phaser.GameObjects.Text;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const BG = 0x0b1220;
const ALERT_TYPES = new Set(["margin_call", "default", "forced_sale"]);

export class BoardScene extends Phaser.Scene {
  private model: BoardModel | null = null;
  private nodes = new Map<string, NodeView>();
  private bg!: Phaser.GameObjects.Graphics;
  private linksG!: Phaser.GameObjects.Graphics;
  private sparkG!: Phaser.GameObjects.Graphics;
  private thermoG!: Phaser.GameObjects.Graphics;
  private thermoText!: Phaser.GameObjects.Text;
  private thermoLabel!: Phaser.GameObjects.Text;
  private linkTexts: Phaser.GameObjects.Text[] = [];
  private loopTexts: Phaser.GameObjects.Text[] = [];
  private links: Link[] = [];
  private onLoop = new Set<string>();
  private loops: string[][] = [];
  private alerts = new Set<string>();
  private flowsFrom = 0;
  private lastFlowKey = "";
  private ready = false;

  constructor() {
    super("board");
  }

  create() {
    this.bg = this.add.graphics();
    this.linksG = this.add.graphics();
    this.sparkG = this.add.graphics();
    this.thermoG = this.add.graphics();
    this.thermoText = this.text(0, 0, "", 18, "#ffffff", "bold");
    this.thermoLabel = this.text(0, 0, "", 12, "#9fb0c8", "bold");
    this.scale.on("resize", () => this.layout());
    this.ready = true;
    if (this.model) this.setModel(this.model);
  }

  private text(x: number, y: number, s: string, size: number, color: string, weight = "normal") {
    return this.add
      .text(x, y, s, { fontFamily: FONT, fontSize: `${size}px`, color, fontStyle: weight, align: "center", resolution: Math.min(2, window.devicePixelRatio || 1) })
      .setOrigin(0.5, 0.5);
  }

  setModel(m: BoardModel) {
    this.model = m;
    if (!this.ready) return;
    const ids = new Set([...m.companies.map((c) => c.id), LABS_NODE, MARKET_NODE]);
    for (const [id, n] of this.nodes) if (!ids.has(id)) this.dropNode(id, n);
    for (const id of ids) if (!this.nodes.has(id)) this.nodes.set(id, this.makeNode(id));
    // The quarter's deals: re-animated when a new report arrives.
    const flowKey = `${m.round}:${m.events.length}:${m.events[0]?.type ?? ""}`;
    if (flowKey !== this.lastFlowKey) {
      this.lastFlowKey = flowKey;
      const evs = m.events.map((e) => ({ type: e.type, company: e.company || undefined, data: safeJson(e.data) }));
      this.links = flowLinks(evs).slice(0, 18);
      this.loops = findLoops(this.links);
      this.onLoop = loopEdges(this.loops);
      this.alerts = new Set(m.events.filter((e) => ALERT_TYPES.has(e.type) && e.company).map((e) => e.company));
      this.flowsFrom = this.time.now;
    }
    this.layout();
  }

  private makeNode(id: string): NodeView {
    return {
      id,
      x: 0,
      y: 0,
      r: 30,
      shape: this.add.graphics(),
      name: this.text(0, 0, "", 14, "#e8eef8", "bold"),
      price: this.text(0, 0, "", 16, "#ffffff", "bold"),
      info: this.text(0, 0, "", 12, "#9fb0c8"),
      warn: this.text(0, 0, "", 12, "#ffd166", "bold"),
    };
  }

  private dropNode(id: string, n: NodeView) {
    n.shape.destroy();
    n.name.destroy();
    n.price.destroy();
    n.info.destroy();
    n.warn.destroy();
    this.nodes.delete(id);
  }

  /** Places everything for the current size. */
  private layout() {
    const m = this.model;
    if (!m || !this.ready) return;
    const W = this.scale.width;
    const H = this.scale.height;
    const compact = W < 620 || H < 380;
    this.bg.clear();
    this.bg.fillStyle(BG, 1).fillRect(0, 0, W, H);
    // A trading-floor grid.
    this.bg.lineStyle(1, 0x1a2740, 0.6);
    const step = compact ? 28 : 40;
    for (let x = 0; x < W; x += step) this.bg.lineBetween(x, 0, x, H);
    for (let y = 0; y < H; y += step) this.bg.lineBetween(0, y, W, y);

    const thermoW = compact ? 40 : 64;
    const left = thermoW + 8;
    const big = W >= 1100 && H >= 700;
    const base = Math.max(13, Math.min(compact ? 18 : big ? 48 : 38, Math.min(W - left, H) / (compact ? 17 : 15)));
    for (const t of this.linkTexts) t.setFontSize(big ? 15 : 11);
    // Room for the name above a node, and its price, sparkline and figures below; the news line at the bottom.
    const above = base * 1.15 + (compact ? 16 : 24);
    const below = base * 1.15 + (compact ? 18 : 74) + 30;
    const cx = left + (W - left) / 2;
    const cy = (above + H - below) / 2;
    const rx = Math.max(40, (W - left) / 2 - (compact ? 42 : 80));
    const ry = Math.max(30, (H - above - below) / 2);
    const comps = m.companies;
    comps.forEach((c, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * (i + 0.5)) / comps.length;
      const n = this.nodes.get(c.id)!;
      n.x = cx + rx * Math.cos(a);
      n.y = cy + ry * Math.sin(a);
      n.r = base;
      this.drawCompany(n, c, m, compact);
    });
    const labs = this.nodes.get(LABS_NODE)!;
    labs.x = cx;
    labs.y = cy - ry * 0.22;
    labs.r = base * 0.85;
    this.drawSpecial(labs, m.labels.labs, 0xf0e442, compact, m.macro.labsDistressed ? "⚠" : "");
    const mkt = this.nodes.get(MARKET_NODE)!;
    mkt.x = cx;
    mkt.y = cy + ry * 0.24;
    mkt.r = base * 0.6;
    this.drawSpecial(mkt, m.labels.market, 0x8a97ab, compact, "");
    mkt.name.setOrigin(0, 0.5).setPosition(mkt.x + mkt.r + 6, mkt.y).setFontSize(11);
    mkt.name.setVisible(!compact);
    this.drawThermo(8, 10, thermoW - 8, H - 46, m, compact);
  }

  private drawCompany(n: NodeView, c: CompanyJ, m: BoardModel, compact: boolean) {
    const look = roleLook(c.role);
    const g = n.shape;
    g.clear();
    const dead = c.bankrupt;
    const fill = dead ? 0x3a4252 : look.hex;
    if (c.id === m.me) {
      g.lineStyle(3, 0xffffff, 0.95);
      g.strokeCircle(n.x, n.y, n.r * 1.45);
    }
    g.fillStyle(fill, dead ? 0.6 : 0.95);
    g.lineStyle(2, 0x0b1220, 1);
    shapePath(g, look.shape, n.x, n.y, n.r);
    // The glyph inside says the role in a second channel (shape + letter).
    const last = c.prices.length >= 2 ? c.prices[c.prices.length - 2] : c.startPrice;
    const change = last > 0 ? c.price / last - 1 : 0;
    n.name.setText(c.id === m.me && !compact ? `${c.name} · ${m.labels.you}` : c.name);
    n.name.setFontSize(compact ? 11 : Math.round(Math.max(13, n.r * 0.42)));
    const gm = geom(n, compact);
    n.name.setPosition(n.x, c.id === m.me ? Math.min(gm.nameY, n.y - n.r * 1.45 - (compact ? 8 : 12)) : gm.nameY);
    const arrow = change > 0.0005 ? "▲" : change < -0.0005 ? "▼" : "•";
    n.price.setText(
      dead ? (compact ? "✖" : `✖ ${m.labels.bankrupt}`) : compact ? `${m.labels.money(c.price).replace(/[.,]\d\d(?=\D*$)/, "")} ${arrow}` : `${m.labels.money(c.price)} ${arrow}${m.labels.signedPct(change).replace(/^[+−]/, "")}`,
    );
    n.price.setColor(dead ? "#ff6b6b" : change > 0.0005 ? "#7ee081" : change < -0.0005 ? "#ff8a8a" : "#e8eef8");
    n.price.setFontSize(compact ? 11 : Math.round(Math.max(14, n.r * 0.45)));
    n.price.setPosition(n.x, gm.priceY);
    const status = covenantStatus(c.ltv, c.maxLtv);
    const bits: string[] = [];
    if (!compact) {
      if (c.leverage > 0.05) bits.push(`${m.labels.lev} ${c.leverage >= 99 ? "∞" : c.leverage.toFixed(1)}×`);
      if (c.maxLtv > 0) bits.push(`LTV ${m.labels.pct(c.ltv)}/${m.labels.pct(c.maxLtv)}`);
    }
    n.info.setText(bits.join(" · "));
    n.info.setFontSize(Math.round(Math.max(11, n.r * 0.32)));
    n.info.setPosition(n.x, gm.infoY);
    const warn = status === "breach" ? `⚠ ${m.labels.covenantBreach}` : status === "close" ? `⚠ ${m.labels.covenantClose}` : "";
    n.warn.setText(dead ? "" : compact && warn ? "⚠" : warn);
    n.warn.setColor(status === "breach" ? "#ff6b6b" : "#ffd166");
    n.warn.setFontSize(compact ? 14 : 13);
    n.warn.setPosition(compact ? n.x + n.r + 6 : n.x, compact ? n.y - n.r : gm.warnY);
  }

  private drawSpecial(n: NodeView, label: string, color: number, compact: boolean, warn: string) {
    const g = n.shape;
    g.clear();
    g.fillStyle(color, 0.22);
    g.lineStyle(2, color, 0.9);
    // A hexagon: neither a role shape nor a role colour.
    g.beginPath();
    for (let k = 0; k < 6; k++) {
      const a = Math.PI / 6 + (k * Math.PI) / 3;
      const px = n.x + n.r * Math.cos(a);
      const py = n.y + n.r * Math.sin(a);
      if (k === 0) g.moveTo(px, py);
      else g.lineTo(px, py);
    }
    g.closePath();
    g.fillPath();
    g.strokePath();
    n.name.setText(label);
    n.name.setFontSize(compact ? 9 : 13);
    n.name.setColor("#cfd8e6");
    n.name.setPosition(n.x, n.y);
    n.price.setText("");
    n.info.setText("");
    n.warn.setText(warn);
    n.warn.setPosition(n.x + n.r, n.y - n.r);
  }

  private drawThermo(x: number, y: number, w: number, h: number, m: BoardModel, compact: boolean) {
    const g = this.thermoG;
    g.clear();
    const hype = Math.max(0, Math.min(100, m.macro.hype));
    const bulb = w * 0.55;
    const tubeX = x + w / 2;
    const top = y + (compact ? 26 : 34);
    const bottom = y + h - bulb * 1.6;
    g.fillStyle(0x16223a, 1);
    g.fillRoundedRect(tubeX - w * 0.22, top, w * 0.44, bottom - top + bulb, w * 0.2);
    const col = hype >= 70 ? 0xff5a4f : hype >= 45 ? 0xffa94d : 0x4fa3ff;
    const fillTop = bottom - ((bottom - top) * hype) / 100;
    g.fillStyle(col, 1);
    g.fillRect(tubeX - w * 0.14, fillTop, w * 0.28, bottom - fillTop + bulb * 0.5);
    g.fillCircle(tubeX, bottom + bulb * 0.55, bulb * 0.62);
    g.lineStyle(1, 0x9fb0c8, 0.7);
    for (const tick of [25, 50, 75]) {
      const ty = bottom - ((bottom - top) * tick) / 100;
      g.lineBetween(tubeX + w * 0.24, ty, tubeX + w * 0.4, ty);
    }
    // The bubble's path, faint, inside the tube.
    const path = m.hype;
    if (path.length >= 2) {
      g.lineStyle(1.5, 0xffffff, 0.45);
      g.beginPath();
      path.forEach((v, i) => {
        const px = tubeX - w * 0.12 + (w * 0.24 * i) / (path.length - 1);
        const py = bottom - ((bottom - top) * Math.max(0, Math.min(100, v))) / 100;
        if (i === 0) g.moveTo(px, py);
        else g.lineTo(px, py);
      });
      g.strokePath();
    }
    const prev = path.length >= 2 ? path[path.length - 2] : hype;
    const d = hype - prev;
    this.thermoText.setText(`${Math.round(hype)}${Math.abs(d) >= 0.5 ? (d > 0 ? "▲" : "▼") : ""}`);
    this.thermoText.setFontSize(compact ? 13 : 20);
    this.thermoText.setPosition(tubeX, bottom + bulb * 0.55);
    this.thermoLabel.setText(m.labels.hype.toUpperCase());
    this.thermoLabel.setFontSize(compact ? 10 : 13);
    this.thermoLabel.setPosition(tubeX, y + (compact ? 10 : 14));
  }

  override update(time: number) {
    const m = this.model;
    if (!m || !this.ready) return;
    const g = this.linksG;
    g.clear();
    const s = this.sparkG;
    s.clear();
    const W = this.scale.width;
    const compact = W < 620 || this.scale.height < 380;
    // Sparklines under each company's price.
    for (const c of m.companies) {
      const n = this.nodes.get(c.id);
      if (!n || compact || c.prices.length < 2) continue;
      const gm = geom(n, compact);
      const w = n.r * 2.2;
      const h = gm.sparkH;
      const x0 = n.x - w / 2;
      const y0 = gm.sparkY;
      const lo = Math.min(...c.prices);
      const hi = Math.max(...c.prices);
      const span = hi - lo || 1;
      const up = c.prices[c.prices.length - 1] >= c.prices[0];
      s.lineStyle(2, up ? 0x7ee081 : 0xff8a8a, 0.9);
      s.beginPath();
      c.prices.forEach((p, i) => {
        const px = x0 + (w * i) / (c.prices.length - 1);
        const py = y0 + h - ((p - lo) / span) * h;
        if (i === 0) s.moveTo(px, py);
        else s.lineTo(px, py);
      });
      s.strokePath();
    }
    // Alerts: a pulsing ring on companies hit by margin calls, forced sales or default.
    const pulse = 0.5 + 0.5 * Math.sin(time / 220);
    for (const id of this.alerts) {
      const n = this.nodes.get(id);
      if (!n) continue;
      s.lineStyle(3, 0xff5a4f, 0.35 + 0.6 * pulse);
      s.strokeCircle(n.x, n.y, n.r * (1.6 + 0.15 * pulse));
    }
    // Covenant warnings blink.
    for (const c of m.companies) {
      const n = this.nodes.get(c.id);
      if (n && n.warn.text) n.warn.setAlpha(0.45 + 0.55 * pulse);
    }
    // The quarter's deals.
    const age = (time - this.flowsFrom) / 1000;
    const intro = Math.max(0, 1 - age / 8);
    let li = 0;
    const maxAmt = Math.max(1, ...this.links.map((l) => l.amount));
    for (const l of this.links) {
      const a = this.nodes.get(l.from);
      const b = this.nodes.get(l.to);
      if (!a || !b) continue;
      const color = LINK_COLORS[l.kind] ?? 0xffffff;
      const onLoop = this.onLoop.has(`${l.from}>${l.to}`);
      const width = 1.5 + 4 * Math.sqrt(l.amount / maxAmt);
      // A curve bent to the right of the way it goes, so A→B and B→A stay apart.
      const mx = (a.x + b.x) / 2;
      const my = (a.y + b.y) / 2;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len = Math.hypot(dx, dy) || 1;
      const bend = Math.min(60, len * 0.18);
      const qx = mx + (-dy / len) * bend;
      const qy = my + (dx / len) * bend;
      const pt = (t: number) => ({
        x: (1 - t) * (1 - t) * a.x + 2 * (1 - t) * t * qx + t * t * b.x,
        y: (1 - t) * (1 - t) * a.y + 2 * (1 - t) * t * qy + t * t * b.y,
      });
      const alpha = 0.35 + 0.45 * intro + (onLoop ? 0.2 : 0);
      if (onLoop) {
        g.lineStyle(width + 5, 0xffffff, 0.12 + 0.1 * pulse);
        strokeCurve(g, pt, a.r / len, 1 - b.r / len);
      }
      g.lineStyle(width, color, alpha);
      strokeCurve(g, pt, a.r / len, 1 - b.r / len);
      // Arrowhead at two-thirds.
      const p1 = pt(0.64);
      const p2 = pt(0.7);
      const ang = Math.atan2(p2.y - p1.y, p2.x - p1.x);
      const ah = 6 + width * 1.5;
      g.fillStyle(color, Math.min(1, alpha + 0.2));
      g.fillTriangle(p2.x + Math.cos(ang) * ah * 0.6, p2.y + Math.sin(ang) * ah * 0.6, p2.x + Math.cos(ang + 2.5) * ah, p2.y + Math.sin(ang + 2.5) * ah, p2.x + Math.cos(ang - 2.5) * ah, p2.y + Math.sin(ang - 2.5) * ah);
      // Money moving along the link.
      const speed = 1800;
      for (let k = 0; k < 3; k++) {
        const t = ((time / speed + k / 3 + li * 0.13) % 1) * (1 - (a.r + b.r) / len) + a.r / len;
        const p = pt(t);
        g.fillStyle(color, 0.9);
        g.fillCircle(p.x, p.y, 2 + width * 0.5);
      }
      // A word on the link: colour is never the only clue.
      const label = this.linkText(li);
      const mid = pt(0.5);
      // Words on the biggest deals and on the loops only, to keep the board readable.
      label.setText(compact || (li >= 7 && !onLoop) ? "" : `${m.labels.links[l.kind] ?? l.kind} ${m.labels.bn(l.amount)}`);
      label.setPosition(mid.x, mid.y - 8);
      label.setColor(hex(color));
      label.setAlpha(0.55 + 0.45 * intro);
      label.setVisible(true);
      li++;
    }
    for (let k = li; k < this.linkTexts.length; k++) this.linkTexts[k].setVisible(false);
    // Loops: a label at the middle of each circle of deals.
    this.loops.slice(0, 4).forEach((loop, i) => {
      const pts = loop.map((id) => this.nodes.get(id)).filter((n): n is NodeView => !!n);
      if (pts.length === 0) return;
      const x = pts.reduce((acc, n) => acc + n.x, 0) / pts.length;
      const y = pts.reduce((acc, n) => acc + n.y, 0) / pts.length + i * 18;
      const t = this.loopText(i);
      t.setText(`⟳ ${m.labels.loop}`);
      t.setPosition(x, y);
      t.setAlpha(0.6 + 0.4 * pulse);
      t.setVisible(true);
    });
    for (let k = Math.min(4, this.loops.length); k < this.loopTexts.length; k++) this.loopTexts[k].setVisible(false);
  }

  private linkText(i: number) {
    const size = this.scale.width >= 1100 && this.scale.height >= 700 ? 15 : 11;
    while (this.linkTexts.length <= i) this.linkTexts.push(this.text(0, 0, "", size, "#ffffff", "bold").setDepth(5));
    return this.linkTexts[i];
  }

  private loopText(i: number) {
    while (this.loopTexts.length <= i) this.loopTexts.push(this.text(0, 0, "", 14, "#ffffff", "bold").setDepth(6).setBackgroundColor("#1b2a44").setPadding(6, 3, 6, 3));
    return this.loopTexts[i];
  }
}

/** Where a company node's texts and sparkline sit, from the node's centre and size. */
function geom(n: { x: number; y: number; r: number }, compact: boolean) {
  const nameY = n.y - n.r * 1.15 - (compact ? 8 : 13);
  const priceY = n.y + n.r * 1.15 + (compact ? 8 : 13);
  const sparkY = priceY + 11;
  const sparkH = n.r * 0.45;
  const infoY = sparkY + sparkH + 10;
  return { nameY, priceY, sparkY, sparkH, infoY, warnY: infoY + 17 };
}

function strokeCurve(g: Phaser.GameObjects.Graphics, pt: (t: number) => { x: number; y: number }, t0: number, t1: number) {
  g.beginPath();
  const steps = 18;
  for (let i = 0; i <= steps; i++) {
    const p = pt(t0 + ((t1 - t0) * i) / steps);
    if (i === 0) g.moveTo(p.x, p.y);
    else g.lineTo(p.x, p.y);
  }
  g.strokePath();
}

function shapePath(g: Phaser.GameObjects.Graphics, shape: string, x: number, y: number, r: number) {
  switch (shape) {
    case "diamond":
      g.beginPath();
      g.moveTo(x, y - r * 1.15);
      g.lineTo(x + r * 1.15, y);
      g.lineTo(x, y + r * 1.15);
      g.lineTo(x - r * 1.15, y);
      g.closePath();
      g.fillPath();
      g.strokePath();
      break;
    case "triangle":
      g.fillTriangle(x, y - r * 1.1, x + r * 1.05, y + r * 0.8, x - r * 1.05, y + r * 0.8);
      g.strokeTriangle(x, y - r * 1.1, x + r * 1.05, y + r * 0.8, x - r * 1.05, y + r * 0.8);
      break;
    case "square":
      g.fillRect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      g.strokeRect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      break;
    default:
      g.fillCircle(x, y, r);
      g.strokeCircle(x, y, r);
  }
}

function hex(n: number): string {
  return `#${n.toString(16).padStart(6, "0")}`;
}

function safeJson(s: string): Record<string, unknown> {
  try {
    return JSON.parse(s) as Record<string, unknown>;
  } catch {
    return {};
  }
}
