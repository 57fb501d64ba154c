import { describe, expect, it } from 'vitest';
import { openTestStation } from '../helpers/station';

describe('settings', () => {
  it('changes working hours, and the appointment follows them', async () => {
    const station = openTestStation();
    // Same-day procedure received at 09:32: due at the end of the last working period.
    const before = await station.call('appointment.preview', { procedureCode: '2.000815' });
    expect(before.ok && before.value).toMatchObject({ appointmentAt: '2026-11-23T17:00' });
    const updated = await station.call('settings.update', { station: { workingHours: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '16:30' }] } });
    expect(updated.ok).toBe(true);
    const after = await station.call('appointment.preview', { procedureCode: '2.000815' });
    expect(after.ok && after.value).toMatchObject({ appointmentAt: '2026-11-23T16:30' });
  });

  it('refuses overlapping or reversed working hours with a Vietnamese message and keeps the old ones', async () => {
    const station = openTestStation();
    const reversed = await station.refused('settings.update', { station: { workingHours: [{ start: '11:30', end: '07:00' }] } });
    expect(reversed).toMatchObject({ code: 'WORKING_HOURS_INVALID', field: 'station.workingHours' });
    expect(reversed.message).toMatch(/^Giờ làm việc không hợp lệ/);
    const overlapping = await station.refused('settings.update', {
      station: { workingHours: [{ start: '07:00', end: '12:00' }, { start: '11:00', end: '17:00' }] },
    });
    expect(overlapping.code).toBe('WORKING_HOURS_INVALID');
    const wrongClock = await station.refused('settings.update', { station: { workingHours: [{ start: '7h', end: '11:30' }] } });
    expect(wrongClock.field).toBe('station.workingHours.0.start');
    const settings = await station.call('settings.get', {});
    expect(settings.ok && (settings.value as { station: { workingHours: unknown } }).station.workingHours).toEqual([
      { start: '07:00', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ]);
    // Intake still works after the refusals.
    expect((await station.save(await station.validDraft())).code).toBe('000.00.06.H56-261123-0001');
  });

  it('switches the interface language of messages to English', async () => {
    const station = openTestStation();
    await station.call('settings.update', { station: { language: 'en' } });
    const error = await station.refused('dossier.get', { code: 'NO-SUCH' });
    expect(error.message).toBe('Dossier "NO-SUCH" not found.');
  });
});
