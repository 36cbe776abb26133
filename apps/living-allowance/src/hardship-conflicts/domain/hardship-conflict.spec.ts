import { dismiss, excludeAtNextDecision, excludes, HardshipConflict, supportEnded } from './hardship-conflict';

const open: HardshipConflict = {
  id: '6d1f2c8e-3b4a-4c5d-9e6f-7a8b9c0d1e2f',
  applicationId: '7e2f3d9f-4c5b-4d6e-8f70-8b9cad1e2f30',
  memberIndex: 2,
  personRef: 'a'.repeat(64),
  hardshipCaseId: '8f304eaf-5d6c-4e7f-9081-9cadbe2f3041',
  districtCode: '640202',
  townshipCode: '640202001',
  registeredOn: '2026-03-20',
  supportFromMonth: '2026-04',
  status: 'open',
  hardshipEndedOn: null,
  resolution: null,
  flaggedAt: '2026-03-20T02:00:00.000Z',
  version: 1,
};
const by = { by: 'officer-1', on: '2026-03-21' };

describe('a member supported as 特困 in an active dibao case is resolved by a person', () => {
  it('an open conflict can exclude the member at the next decision', () => {
    const r = excludeAtNextDecision(open, { ...by, members: 3, othersExcluded: 0 });
    expect(r.ok && r.value.status).toBe('excluding');
    expect(r.ok && excludes(r.value)).toBe(true);
  });

  it('excluding the last member still covered is refused: the case would cover nobody', () => {
    const r = excludeAtNextDecision(open, { ...by, members: 2, othersExcluded: 1 });
    expect(!r.ok && r.violation.code).toBe('HARDSHIP_CONFLICT.WOULD_COVER_NOBODY');
  });

  it('dismissing needs a reason, naming the field', () => {
    const r = dismiss(open, { ...by, reason: '  ' });
    expect(!r.ok && r.violation).toMatchObject({ code: 'HARDSHIP_CONFLICT.REASON_REQUIRED', kind: 'invalid', fields: [{ field: 'reason' }] });
    const ok = dismiss(open, { ...by, reason: 'a different person of the same name' });
    expect(ok.ok && ok.value.resolution).toEqual({ kind: 'dismiss', by: 'officer-1', on: '2026-03-21', reason: 'a different person of the same name' });
  });

  it('a resolved conflict cannot be resolved a second time', () => {
    const done = dismiss(open, { ...by, reason: 'checked' });
    if (!done.ok) throw new Error('dismissed');
    const again = excludeAtNextDecision(done.value, { ...by, members: 3, othersExcluded: 0 });
    expect(!again.ok && again.violation.code).toBe('HARDSHIP_CONFLICT.ALREADY_RESOLVED');
  });

  it('support ended in hardship: an open conflict stays open for a person to close, marked no longer current, and can no longer exclude', () => {
    const ended = supportEnded(open, { by: 'system:hardship-registry', on: '2026-06-01', stopsFromMonth: '2026-07' });
    expect(ended).toMatchObject({ status: 'open', hardshipEndedOn: '2026-06-01' });
    const r = excludeAtNextDecision(ended, { ...by, members: 3, othersExcluded: 0 });
    expect(!r.ok && r.violation.code).toBe('HARDSHIP_CONFLICT.NO_LONGER_CURRENT');
    expect(dismiss(ended, { ...by, reason: 'support ended before the next decision' }).ok).toBe(true);
  });

  it('support ended in hardship: an exclusion is lifted, so the next decision counts the person again', () => {
    const r = excludeAtNextDecision(open, { ...by, members: 3, othersExcluded: 0 });
    if (!r.ok) throw new Error('excluded');
    const lifted = supportEnded(r.value, { by: 'system:hardship-registry', on: '2026-06-01', stopsFromMonth: '2026-07' });
    expect(lifted).toMatchObject({ status: 'lifted', hardshipEndedOn: '2026-06-01', resolution: { kind: 'lift', excludedBy: 'officer-1', stopsFromMonth: '2026-07' } });
    expect(excludes(lifted)).toBe(false);
  });
});
