// The 1DS JS SDK (@microsoft/1ds-core-js + @microsoft/1ds-post-js), as Teams web uses it: a
// meeting-join event with user, device, OS and app-session context, sent to OneCollector.
'use strict';
const { AppInsightsCore } = require('@microsoft/1ds-core-js');
const { PostChannel } = require('@microsoft/1ds-post-js');
const { CORPUS, USER_ID, main, sleep } = require('./common');

main(async () => {
  const core = new AppInsightsCore();
  const post = new PostChannel();
  core.initialize({
    instrumentationKey: '0123456789abcdef0123456789abcdef-01234567-89ab-cdef-0123-456789abcdef-7000',
    extensions: [post],
    extensionConfig: { [post.identifier]: { eventsLimitInMem: 50, maxEventRetryAttempts: 0 } },
  }, []);
  core.track({
    name: 'Ms.Teams.MeetingJoined',
    baseType: 'Ms.Teams.Event',
    ext: {
      user: { localId: `t:${USER_ID}`, locale: 'de-DE' },
      device: { localId: 'c:00AA11BB22CC33DD', deviceClass: 'Windows.Desktop' },
      os: { name: 'Windows', ver: '10.0.22631' },
      app: { sesId: '8c2e6a3f-1b4d-4f9a-a0b3-6e5c7d8f9a0b', ver: '24295.605.3225.8804' },
    },
    data: {
      meetingId: CORPUS.meeting_id,
      participantCount: 6,
      joinType: 'scheduled',
    },
  });
  await new Promise((resolve) => post.flush(true, () => resolve()));
  await sleep(500);
});
