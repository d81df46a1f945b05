/** `--key value` / `--flag` command-line parsing for the NAB scripts. */
export function parseArgs(argv: readonly string[], flags: readonly string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"`);
    const eq = a.indexOf('=');
    if (eq > 0) {
      out.set(a.slice(2, eq), a.slice(eq + 1));
    } else if (flags.includes(a.slice(2))) {
      out.set(a.slice(2), 'true');
    } else {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      out.set(a.slice(2), argv[++i]);
    }
  }
  return out;
}

export function required(args: Map<string, string>, key: string): string {
  const v = args.get(key);
  if (v === undefined) throw new Error(`--${key} is required`);
  return v;
}
