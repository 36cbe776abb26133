/**
 * The one config loader: every setting comes from an environment variable, is validated at start,
 * and a bad or missing value stops the process with a message naming the variable and the reason.
 */
export type EnvSpec<T> = {
  [K in keyof T]: {
    env: string;
    description: string;
    default?: string;
    parse: (raw: string) => { ok: true; value: T[K] } | { ok: false; reason: string };
  };
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export function loadConfig<T>(spec: EnvSpec<T>, env: NodeJS.ProcessEnv = process.env): T {
  const problems: string[] = [];
  const out = {} as T;
  for (const key of Object.keys(spec) as (keyof T)[]) {
    const s = spec[key];
    const raw = env[s.env] ?? s.default;
    if (raw === undefined || raw === '') {
      problems.push(`${s.env} is required (${s.description})`);
      continue;
    }
    const r = s.parse(raw);
    if (r.ok) out[key] = r.value;
    else problems.push(`${s.env}=${JSON.stringify(raw)} is invalid: ${r.reason} (${s.description})`);
  }
  if (problems.length) throw new ConfigError(problems);
  return out;
}

/**
 * One service's view of the environment: `<PREFIX>_<NAME>` first, then the plain `<NAME>`, so that
 * several services in one process (the embedded default) can each be given their own value.
 */
export function prefixedEnv(prefix: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return new Proxy(env, { get: (e, k: string) => e[`${prefix}_${k}`] ?? e[k] });
}

/** `https://host[:port]` with nothing after it: what a browser sends in `Origin` and an issuer URL starts with. */
function isOrigin(raw: string): boolean {
  try {
    const u = new URL(raw);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === raw;
  } catch {
    return false;
  }
}

export const parsers = {
  string: (raw: string) => ({ ok: true as const, value: raw }),
  postgresUrl: (raw: string) => {
    try {
      const u = new URL(raw);
      if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') return { ok: false as const, reason: 'must start with postgres://' };
      return { ok: true as const, value: raw };
    } catch {
      return { ok: false as const, reason: 'not a URL' };
    }
  },
  port: (raw: string) => {
    const n = Number(raw);
    return Number.isInteger(n) && n >= 0 && n < 65536 ? { ok: true as const, value: n } : { ok: false as const, reason: 'must be a port number 0-65535' };
  },
  positiveInt: (raw: string) => {
    const n = Number(raw);
    return Number.isInteger(n) && n > 0 ? { ok: true as const, value: n } : { ok: false as const, reason: 'must be a positive integer' };
  },
  oneOf:
    <V extends string>(...values: V[]) =>
    (raw: string) =>
      (values as string[]).includes(raw) ? { ok: true as const, value: raw as V } : { ok: false as const, reason: `must be one of ${values.join(', ')}` },
  brokers: (raw: string) => {
    const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = list.find((b) => !/^[^:\s]+:\d+$/.test(b));
    return list.length && !bad ? { ok: true as const, value: list } : { ok: false as const, reason: 'must be host:port[,host:port…]' };
  },
  /** Web origins, comma-separated: `https://console.example.gov.cn[,http://127.0.0.1:5173]`. */
  origins: (raw: string) => {
    const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = list.find((o) => !isOrigin(o));
    return list.length && !bad
      ? { ok: true as const, value: list }
      : { ok: false as const, reason: `${bad ? JSON.stringify(bad) + ' is not' : 'must be'} an origin: scheme://host[:port], no path or trailing slash` };
  },
  secret: (raw: string) => (raw.length >= 16 ? { ok: true as const, value: raw } : { ok: false as const, reason: 'must be at least 16 characters' }),
};
