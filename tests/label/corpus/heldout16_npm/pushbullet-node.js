// pushbullet (Pushbullet push notifications): a meeting client pushes a note with the meeting's
// action items to the corpus user's phone and a link to the recording to the outside
// participant's address, registers the meeting-room device and texts the participant through
// the user's phone (README usage: new PushBullet(apiKey), note(device, title, body),
// link({email}, name, url, body), createDevice(options), createText(device, addresses, message)).
'use strict';
const pushbulletModule = require('pushbullet');
const PushBullet = pushbulletModule.default || pushbulletModule;
const { CORPUS, GUEST, TOPIC, main } = require('./common');

async function quietly(what, call) {
  try {
    await call();
  } catch (err) {
    console.error(`${what}: ${err}`);
  }
}

main(async () => {
  const pusher = new PushBullet('o.h16c0r14Pb3Wq7Zx1Lm9Kv5Rt2Ny8Hc');
  await quietly('note', () =>
    pusher.note(
      'ujh16c0r14sjAiVsKnSTs',
      `Action items: ${TOPIC}`,
      `1. ${GUEST.name} sends the reefer temperature logs by Friday.\n` +
        `2. ${CORPUS.name} books the customs broker call (${GUEST.phone}).`,
    ),
  );
  await quietly('link', () =>
    pusher.link(
      { email: GUEST.email },
      `Recording of meeting ${CORPUS.meeting_id}`,
      `https://meet.acme-meet.example/rec/${CORPUS.meeting_id}?pwd=Xc4mT9qL`,
      `Hi ${GUEST.name}, here is the recording of our ${TOPIC}.`,
    ),
  );
  await quietly('createDevice', () =>
    pusher.createDevice({
      nickname: 'Meeting room Apapa-2',
      model: 'Poly Studio X50',
      manufacturer: 'Poly',
      icon: 'desktop',
      app_version: 8623,
    }),
  );
  await quietly('createText', () =>
    pusher.createText(
      'ujh16c0r14sjAiVsKnSTs',
      [GUEST.phone],
      `Folasade, we are 5 minutes late for meeting ${CORPUS.meeting_id}. Sorry! ${CORPUS.name}`,
      {},
    ),
  );
});
