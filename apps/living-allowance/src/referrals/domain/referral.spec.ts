import { close, Referral, takeUp } from './referral';

const open: Referral = {
  id: '6d1f2c8e-3b4a-4c5d-9e6f-7a8b9c0d1e2f',
  hardshipCaseId: '7e2f3d9f-4c5b-4d6e-8f70-8b9cad1e2f30',
  personRef: 'b'.repeat(64),
  districtCode: '640202',
  townshipCode: '640202001',
  ground: 'came_of_age',
  requestedOn: '2026-05-28',
  status: 'open',
  takenUp: null,
  closed: null,
  version: 1,
};
const by = { by: 'caseworker-1', on: '2026-05-29' };

describe('a referral from special-hardship support is taken up or closed with a reason, never dropped', () => {
  it('an open referral is taken up once', () => {
    const r = takeUp(open, by);
    expect(r.ok && r.value.status).toBe('taken_up');
    if (!r.ok) return;
    const again = takeUp(r.value, by);
    expect(!again.ok && again.violation.code).toBe('REFERRAL.NOT_OPEN');
  });

  it('closing needs a reason, naming the field, and a closed referral stays closed', () => {
    const blank = close(open, { ...by, reason: ' ' });
    expect(!blank.ok && blank.violation).toMatchObject({ code: 'REFERRAL.REASON_REQUIRED', fields: [{ field: 'reason' }] });
    const closed = close(open, { ...by, reason: 'household not eligible: income above the standard' });
    expect(closed.ok && closed.value.closed?.reason).toBe('household not eligible: income above the standard');
    if (!closed.ok) return;
    expect(!close(closed.value, { ...by, reason: 'again' }).ok).toBe(true);
  });

  it('a referral taken up is closed once the household is filed', () => {
    const taken = takeUp(open, by);
    if (!taken.ok) throw new Error('taken up');
    expect(close(taken.value, { ...by, reason: 'filed as a dibao application' }).ok).toBe(true);
  });
});
