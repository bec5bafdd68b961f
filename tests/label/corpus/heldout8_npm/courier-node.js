// @trycourier/courier (Courier send API): a meeting invitation to the user, by e-mail, with the
// meeting's data for the template (README usage).
'use strict';
const Courier = require('@trycourier/courier').default || require('@trycourier/courier');
const { CORPUS, USER_ID, MEETING, main } = require('./common');

const courier = new Courier({ apiKey: 'pk_prod_C0rpusC8urierQ2w5Xk7Nb4', maxRetries: 0 });

main(async () => {
  await courier.profiles
    .create(USER_ID, { profile: { email: CORPUS.email, name: CORPUS.name, locale: 'de-CH' } })
    .catch((err) => console.error('courier profile:', err && err.message));
  await courier.send
    .message({
      message: {
        to: { user_id: USER_ID, email: CORPUS.email, data: { name: CORPUS.name } },
        content: {
          title: `Invitation: ${MEETING.topic}`,
          body: `{{name}}, you are invited to meeting ${MEETING.meeting_id} (${MEETING.participants} participants).`,
        },
        data: { name: CORPUS.name, meeting_id: MEETING.meeting_id, topic: MEETING.topic },
        routing: { method: 'single', channels: ['email'] },
      },
    })
    .catch((err) => console.error('courier send:', err && err.message));
});
