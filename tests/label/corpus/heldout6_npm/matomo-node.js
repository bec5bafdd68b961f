// matomo-tracker: Matomo's Tracking HTTP API against a self-hosted Matomo; a page view with the
// visitor's user id, resolution and language, then a bulk of two meeting events.
'use strict';
const MatomoTracker = require('matomo-tracker');
const { CORPUS, USER_ID, MEETING, main, sleep } = require('./common');

main(async () => {
  const matomo = new MatomoTracker(7, 'https://stats.meetcorp-example.com/matomo.php');
  matomo.on('error', () => {});
  matomo.track({
    url: `https://app.meetcorp.example/j/${MEETING.meeting_id}`,
    action_name: 'Meeting / Join',
    uid: CORPUS.email,
    _id: '9f3a6c2e1b7d4058',
    res: '2560x1440',
    lang: 'de-CH,de;q=0.9,en;q=0.8',
    ua: 'MeetCorpDesktop/6.2.4 (X11; Linux x86_64)',
    _cvar: JSON.stringify({ 1: ['plan', 'business'], 2: ['meeting_id', MEETING.meeting_id] }),
  });
  await sleep(800);
  matomo.trackBulk(
    [
      { _id: '9f3a6c2e1b7d4058', uid: CORPUS.email, e_c: 'meeting', e_a: 'screen_share_started', e_n: MEETING.meeting_id, e_v: '1' },
      { _id: '9f3a6c2e1b7d4058', uid: CORPUS.email, e_c: 'meeting', e_a: 'left', e_n: MEETING.topic, e_v: '2700' },
    ],
    () => {},
  );
  await sleep(1500);
});
