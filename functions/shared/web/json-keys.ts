/**
 * The first key that an object of `json` (valid JSON) holds twice, as its path
 * (`texts.en.subject`); undefined if none. JSON.parse keeps the last value silently, and
 * a body that says two things must not be read as one of them.
 * @example repeatedKey('{"type":"access","type":"erasure"}') // 'type'
 */
export function repeatedKey(json: string): string | undefined {
  // Each open object or array: the keys seen, and the key being read (objects only).
  const open: Array<{ keys?: Set<string>; key?: string; expectsKey?: boolean }> = [];
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    const top = open[open.length - 1];
    if (c === '{') open.push({ keys: new Set(), expectsKey: true });
    else if (c === '[') open.push({});
    else if (c === '}' || c === ']') open.pop();
    else if (c === ',' && top?.keys) top.expectsKey = true;
    else if (c === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      if (top?.keys && top.expectsKey) {
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return [...open.slice(0, -1).map((o) => o.key).filter((k) => k !== undefined), key].join('.');
        top.keys.add(key);
        top.key = key;
        top.expectsKey = false;
      }
      i = end;
    }
  }
  return undefined;
}
