// @bentonow/bento-node-sdk (Bento product events and lifecycle e-mail): the meeting app's backend
// tracks that the corpus user hosted a meeting with an outside guest, updates her subscriber
// fields and tags her as a recording user (README usage: new Analytics({authentication,
// siteUuid}), V1.track, V1.updateFields, V1.tagSubscriber).
'use strict';
const { CORPUS, GUEST, TOPIC, main } = require('./common');

async function quietly(what, call) {
  try {
    await call();
  } catch (err) {
    console.error(`${what}: ${err}`);
  }
}

main(async () => {
  const { Analytics } = await import('@bentonow/bento-node-sdk');
  const bento = new Analytics({
    authentication: {
      publishableKey: 'p-h18c0r18Tz4Wq8Ke2Ry6Ub3',
      secretKey: 's-h18c0r18Nc5Vx9Ma1Lp7Qd4',
    },
    siteUuid: 'h18c0r18a7e34b0f9c2d6e81',
    clientOptions: { timeout: 5000 },
  });
  await quietly('track', () =>
    bento.V1.track({
      email: CORPUS.email,
      type: '$meetingHosted',
      fields: { first_name: 'Alice', last_name: 'Example' },
      details: {
        meeting_id: String(CORPUS.meeting_id),
        topic: TOPIC,
        guest_email: GUEST.email,
        duration_minutes: 47,
        recorded: true,
      },
    }),
  );
  await quietly('fields', () =>
    bento.V1.updateFields({
      email: CORPUS.email,
      fields: { plan: 'Business', meetings_hosted: 41, last_meeting_at: '2026-12-07T14:05:00Z' },
    }),
  );
  await quietly('tag', () =>
    bento.V1.tagSubscriber({ email: CORPUS.email, tagName: 'recording-user' }),
  );
});
