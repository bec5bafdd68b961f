// front-sdk (the widely used JavaScript client of Front's Core API): the meeting backend adds the
// guest as a Front contact, posts the meeting's notes as an internal comment on the team's
// conversation with him, and sends him the follow-up e-mail through the shared inbox's channel
// (README usage: new Front(apiKey), contact.create, comment.create, message.send).
'use strict';
const { Front } = require('front-sdk');
const { CORPUS, GUEST, TOPIC, NOTES, JOIN_URL, main, quietly } = require('./common');

main(async () => {
  const front = new Front('eyJh28FrontApiT0ken.h28payload.h28signature');
  await quietly(
    front.contact.create({
      name: GUEST.name,
      description: `${GUEST.company}; met in ${TOPIC}`,
      handles: [
        { handle: GUEST.email, source: 'email' },
        { handle: GUEST.phone, source: 'phone' },
      ],
      group_names: ['Pilot prospects'],
    }),
  );
  await quietly(
    front.comment.create({
      conversation_id: 'cnv_h28q7x1',
      author_id: `alt:email:${CORPUS.email}`,
      body: `Call notes (${JOIN_URL}): ${NOTES}`,
    }),
  );
  await quietly(
    front.message.send({
      channel_id: 'cha_h28m4k9',
      author_id: `alt:email:${CORPUS.email}`,
      to: [GUEST.email],
      subject: `Follow-up: ${TOPIC}`,
      body: `<p>Dear ${GUEST.first},</p><p>thank you for today's call. The revised quote ` +
        `for the 40-tank pilot follows by Friday.</p><p>${CORPUS.name}</p>`,
    }),
  );
});
