import { http } from './services';

/** What every service's API tests assert the same way: actors, problem details, the outbox view. */

/** Headers of an acting officer (X-Actor-Id, optionally X-Actor-Role). */
export function as(actor: string, role?: string): Record<string, string> {
  return role ? { 'x-actor-id': actor, 'x-actor-role': role } : { 'x-actor-id': actor };
}

export interface OutboxEvent {
  id: string;
  type: string;
  key: string;
  data: Record<string, any>;
  occurredAt: string;
  publishedAt: string | null;
}

/** The service's outbox as GET /events shows it, oldest first, optionally of one type. */
export async function eventsOf(url: string, type?: string): Promise<OutboxEvent[]> {
  const res = await http(url, 'GET', '/events?limit=500');
  if (res.status !== 200) throw new Error(`GET /events answered ${res.status}`);
  const items = (res.body.items as OutboxEvent[]).slice().reverse();
  return type ? items.filter((e) => e.type === type) : items;
}

/** Asserts an RFC 9457 problem response and returns its body. */
export function expectProblem(res: { status: number; body: any; headers: Headers }, status: number, code?: string): any {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code: code ?? res.body?.code });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  return res.body;
}

/** The `field`s named in a problem's errors[]. */
export function fieldsOf(body: any): string[] {
  return ((body?.errors ?? []) as { field: string }[]).map((e) => e.field);
}
