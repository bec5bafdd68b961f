// customerio-node: identify a person (e-mail, name) and track a meeting event by their id.
'use strict';
const { TrackClient, RegionEU } = require('customerio-node');
const { CORPUS, USER_ID, MEETING, main } = require('./common');

main(async () => {
  const cio = new TrackClient('5e1c0ffee0a1b2c3d4e5', 'cioTrackApiKeyCorpus7f3a9b21', { region: RegionEU });
  const swallow = (p) => p.catch((err) => console.error('sent; answer:', err.message));
  await swallow(cio.identify(USER_ID, {
    email: CORPUS.email,
    first_name: 'Alice',
    last_name: 'Example',
    created_at: 1764000000,
    plan: 'business',
  }));
  // Before sign-in, an invite link opened on this device, by its anonymous id.
  await swallow(cio.trackAnonymous('anon-5d0e8f3a-2b71-4c69-9e84-a1f2b3c4d5e6', {
    name: 'invite_link_opened',
    data: { meeting_id: CORPUS.meeting_id, inviter_email: 'bob.sample@example.net' },
  }));
  await swallow(cio.track(USER_ID, {
    name: 'meeting_ended',
    data: { ...MEETING, duration_seconds: 2712, recording: true },
  }));
});
