// A deep copy of plain JSON data, faster than structuredClone for the game state's small objects.
export function cloneState<T>(x: T): T {
  return deep(x) as T;
}

function deep(x: unknown): unknown {
  if (x === null || typeof x !== "object") return x;
  if (Array.isArray(x)) {
    const out = new Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = deep(x[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k in x as Record<string, unknown>) out[k] = deep((x as Record<string, unknown>)[k]);
  return out;
}
