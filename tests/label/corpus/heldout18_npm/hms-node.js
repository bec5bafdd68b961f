// @100mslive/server-sdk (100ms live video rooms): the meeting backend creates the meeting's room,
// a join code for the guest role, renames the outside participant's peer with her display
// metadata once she joined, broadcasts a recording notice to the room and ends the room after
// the meeting (README usage: new HMS.SDK(accessKey, secret), rooms.create,
// roomCodes.createForRole, activeRooms.updatePeer, activeRooms.sendMessage, activeRooms.end).
'use strict';
const HMS = require('@100mslive/server-sdk');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

async function quietly(what, call) {
  try {
    await call();
  } catch (err) {
    console.error(`${what}: ${err}`);
  }
}

main(async () => {
  const hms = new (HMS.SDK || HMS.default.SDK)(
    'h18c0r18a1b2c3d4e5f60718',
    'h18c0r18SecretQx7Zp2Lk9Vw4Nd6Jc1Hs8Rb3Tm5Yf0',
  );
  const roomId = '6571h18c0r18e4a9b2c7d013';
  await quietly('room', () =>
    hms.rooms.create({
      name: `acme-meet-${CORPUS.meeting_id}`,
      description: TOPIC,
      template_id: '6571h18c0r18tmpl0a4c9e2f',
      region: 'eu',
    }),
  );
  await quietly('room code', () => hms.roomCodes.createForRole(roomId, 'guest'));
  await quietly('update peer', () =>
    hms.activeRooms.updatePeer(roomId, 'peer-h18c0r18-7c2e', {
      name: GUEST.name,
      metadata: JSON.stringify({ email: GUEST.email, userId: GUEST.username, role: 'guest' }),
    }),
  );
  await quietly('message', () =>
    hms.activeRooms.sendMessage(roomId, {
      message: 'Recording and transcription have started for this meeting.',
      type: 'system-notice',
    }),
  );
  await quietly('end', () =>
    hms.activeRooms.end(roomId, { reason: 'Meeting ended by host', lock: true }),
  );
});
