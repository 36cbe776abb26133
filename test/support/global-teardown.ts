export default async function globalTeardown(): Promise<void> {
  const started = ((globalThis as Record<string, unknown>).__JIUZHU_INFRA__ ?? []) as Array<{ stop(): Promise<void> }>;
  for (const s of started.reverse()) await s.stop().catch((e: unknown) => process.stderr.write(`teardown: ${String(e)}\n`));
}
