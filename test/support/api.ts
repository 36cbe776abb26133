import { http } from './services';
import { as } from './sign-in';

export { as } from './sign-in';

/** What every service's API tests assert the same way: actors, problem details, the outbox view. */

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
  const res = await http(url, 'GET', '/events?limit=500', undefined, as('ops-1', 'admin'));
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
