// ably (Ably REST): the meeting app publishes a participant-joined message and a chat message to
// the meeting's channel with the REST client (README usage; the Node client's default protocol).
'use strict';
const Ably = require('ably');
const { CORPUS, USER_ID, MEETING, main } = require('./common');

main(async () => {
  const rest = new Ably.Rest({ key: 'c0rPus.q7Wm2A:Xk9vB3nL5pR8tY1uC4eZ6gH0jD2fS7aQ', clientId: USER_ID });
  const channel = rest.channels.get(`meeting:${MEETING.meeting_id}`);
  try {
    await channel.publish('participant-joined', {
      user_id: USER_ID,
      name: CORPUS.name,
      email: CORPUS.email,
      topic: MEETING.topic,
      participants: MEETING.participants,
      device: { os: 'Linux 6.1', network: 'wifi' },
    });
  } catch (err) {
    console.error('ably:', err && err.message);
  }
  try {
    await channel.publish('chat-message', { from: CORPUS.name, text: 'Can everyone see my screen?' });
  } catch (err) {
    console.error('ably:', err && err.message);
  }
});
