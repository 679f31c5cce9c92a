// A QR code of a link, drawn as inline SVG (uqr).
import { renderSVG } from "uqr";

export function QrCode({ text, size = 240 }: { text: string; size?: number }) {
  const svg = renderSVG(text, { border: 2, whiteColor: "#ffffff", blackColor: "#0b1220" });
  return <div class="qr" style={{ width: `${size}px`, height: `${size}px` }} role="img" aria-label={text} dangerouslySetInnerHTML={{ __html: svg }} />;
}
