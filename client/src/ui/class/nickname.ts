// A generated nickname for a student: an adjective and an animal, in the current language (≤ 24 chars).
import { lang } from "../../i18n.ts";

const EN_ADJ = ["Bold", "Swift", "Clever", "Lucky", "Calm", "Brave", "Sly", "Quiet", "Bright", "Nimble", "Eager", "Jolly"];
const EN_ANIMAL = ["Otter", "Falcon", "Badger", "Lynx", "Heron", "Panda", "Fox", "Walrus", "Gecko", "Bison", "Owl", "Marten"];
// French: masculine animals, adjectives after the noun.
const FR_ANIMAL = ["Renard", "Faucon", "Blaireau", "Lynx", "Héron", "Panda", "Hibou", "Morse", "Gecko", "Bison", "Castor", "Loup"];
const FR_ADJ = ["Audacieux", "Rapide", "Malin", "Chanceux", "Calme", "Brave", "Rusé", "Discret", "Brillant", "Agile", "Joyeux", "Futé"];

const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];

export function randomNickname(): string {
  const n = lang.value === "fr" ? `${pick(FR_ANIMAL)} ${pick(FR_ADJ)}` : `${pick(EN_ADJ)} ${pick(EN_ANIMAL)}`;
  return n.slice(0, 24);
}
