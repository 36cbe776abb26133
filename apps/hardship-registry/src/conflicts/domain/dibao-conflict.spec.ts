import { acknowledgementNote } from './dibao-conflict';

describe('a conflict with a dibao household is acknowledged by a person, with a note', () => {
  it('an acknowledgement without a note is refused, naming the field', () => {
    const r = acknowledgementNote('   ');
    expect(!r.ok && r.violation).toMatchObject({ code: 'DIBAO_CONFLICT.NOTE_REQUIRED', kind: 'invalid', fields: [{ field: 'note' }] });
    expect(acknowledgementNote(undefined).ok).toBe(false);
  });

  it('the note is kept as written, without surrounding blanks', () => {
    const r = acknowledgementNote('  living-allowance excluded the person from the covered count  ');
    expect(r.ok && r.value).toBe('living-allowance excluded the person from the covered count');
  });
});
