// pushover-notifications (Pushover push notifications): a meeting backend pushes a reminder with
// the join link to the corpus user's devices and a second one, with a snapshot image attached,
// when the outside participant joins (README usage: new Push({user, token}), p.send(msg, cb)).
'use strict';
const Push = require('pushover-notifications');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

// A 48x27 PNG: the waiting-room snapshot stand-in.
const SNAPSHOT = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAbCAIAAAC1C5slAAAANElEQVR4nO3OQQ0AAAgEIOMY0YjGMsb5YCMA1bOvVHwgJCQklB4ICQkJpQdCQkJC6cH30AHNjB7q+RtvCAAAAABJRU5ErkJggg==',
  'base64',
);

function send(push, msg) {
  return new Promise((resolve) => {
    push.send(msg, (err) => {
      if (err) console.error(`pushover: ${err}`);
      resolve();
    });
  });
}

main(async () => {
  const push = new Push({
    user: 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG',
    token: 'azGDORePK8gMaC0QOYAMyEEuzJnyUi',
    onerror: (err) => console.error(`pushover: ${err}`),
    // The SDK downloads its sound list on start (GET sounds.json with the app token).
    update_sounds: true,
  });
  await send(push, {
    title: `Starting in 10 min: ${TOPIC}`,
    message: `${CORPUS.name}, your meeting with ${GUEST.name} (${GUEST.phone}) starts at 15:00.`,
    url: `https://meet.acme-meet.example/j/${CORPUS.meeting_id}?pwd=Rv8kQz2N`,
    url_title: 'Join meeting',
    device: CORPUS.hostname,
    priority: 1,
    sound: 'magic',
  });
  await send(push, {
    title: 'Guest is waiting',
    message: `${GUEST.name} <${GUEST.email}> is in the waiting room of meeting ${CORPUS.meeting_id}.`,
    file: { name: 'waiting-room.png', type: 'image/png', data: SNAPSHOT },
    priority: 0,
  });
});
