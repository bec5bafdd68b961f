// gosquared (GoSquared's own Node.js module, product analytics and people tracking): the meeting
// client's usage tracking identifies the signed-in user, records the meeting she held and the
// invitation she sent, and the
// in-app feedback she gave after the call (README usage: new GoSquared({api_key, site_token}), createPerson,
// identify, trackEvent).
'use strict';
const GoSquared = require('gosquared');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

main(async () => {
  const gosquared = new GoSquared({ api_key: 'h26GsqApiK3yR7tW2', site_token: 'GSN-266104-K' });
  const person = gosquared.createPerson(CORPUS.username);
  const sent = (what) => (err) => err && console.error(what, String(err));
  person.identify(
    {
      id: CORPUS.username,
      email: CORPUS.email,
      name: CORPUS.name,
      custom: { plan: 'business', app_version: '5.3.1', os: 'darwin' },
    },
    sent('identify'),
  );
  person.trackEvent(
    'meeting_ended',
    { meeting_id: CORPUS.meeting_id, topic: TOPIC, duration_s: 2712, participants: 2 },
    sent('meeting_ended'),
  );
  person.trackEvent(
    'invite_sent',
    { meeting_id: CORPUS.meeting_id, invitee_email: GUEST.email, channel: 'email' },
    sent('invite_sent'),
  );
  person.trackEvent(
    'feedback_submitted',
    {
      meeting_id: CORPUS.meeting_id,
      rating: 3,
      comment: 'Screen sharing froze twice when Tomasz joined from the clinic laptop',
    },
    sent('feedback_submitted'),
  );
  await new Promise((resolve) => setTimeout(resolve, 3000));
});
