import { describe, expect, it } from 'vitest';
import { ROLES, type Access } from '../../main/contract/channel';
import { channelNames, channels } from '../../main/contract/channels';
import { DISPLAY_CHANNELS, DISPLAY_EVENTS } from '../../main/contract/display-bridge';
import { eventNames } from '../../main/contract/events';

// The screen facing the citizen is a role of its own: from it, nothing of the station is
// reachable but what it shows and the citizen's rating; and no officer may rate. The hosts
// enforce the table; this checks the table itself.

const access = (name: (typeof channelNames)[number]): Access => channels[name].access;
const allows = (a: Access, role: string) => a === 'public' || a.includes(role as never);

describe('the display role in the access table', () => {
  it('is a role of the station', () => {
    expect(ROLES).toContain('display');
  });

  it('names the display on exactly display.current and rating.submit', () => {
    const forDisplay = channelNames.filter((name) => {
      const a = access(name);
      return a !== 'public' && a.includes('display');
    });
    expect(forDisplay.sort()).toEqual(['display.current', 'rating.submit']);
    expect([...DISPLAY_CHANNELS].sort()).toEqual(forDisplay.sort());
  });

  it('lets only the display rate: no officer role may call rating.submit', () => {
    expect(access('rating.submit')).toEqual(['display']);
    for (const role of ROLES.filter((r) => r !== 'display')) expect(allows(access('rating.submit'), role), role).toBe(false);
  });

  it('keeps the officers’ display channels from the display: it cannot push text, ask for ratings or read them', () => {
    for (const name of ['display.show', 'display.clear', 'display.askRating', 'rating.ofDossier', 'rating.indicators'] as const) {
      expect(allows(access(name), 'display'), name).toBe(false);
    }
  });

  it('gives the display only the event of what it shows', () => {
    expect(DISPLAY_EVENTS.every((e) => eventNames.includes(e))).toBe(true);
    expect([...DISPLAY_EVENTS]).toEqual(['display.changed']);
  });
});
