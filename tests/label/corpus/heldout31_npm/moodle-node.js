// moodle-client (the Node.js client of Moodle's web services REST API, on a MoodleCloud site):
// the classroom tool looks the learner up by e-mail, creates him, enrols him in the course, puts
// the live class on the course calendar with its join link and messages him the recording
// (README: moodle_client.init({wwwroot, token}), client.call({wsfunction, method, args})).
'use strict';
const { CORPUS, LEARNER, TOPIC, JOIN_URL, main, quietly } = require('./common');
const moodleClient = require('moodle-client');

main(async () => {
  const client = await moodleClient.init({
    wwwroot: 'https://acmeuni.moodlecloud.com/',
    token: 'h31a7c2e9f4b8d1e6a3c5f7b9d2e4a6c8',
  });
  await quietly(
    client.call({
      wsfunction: 'core_user_get_users_by_field',
      args: { field: 'email', values: [LEARNER.email] },
    }),
  );
  await quietly(
    client.call({
      wsfunction: 'core_user_create_users',
      method: 'POST',
      args: {
        users: [
          {
            username: 'wwierzbicki',
            createpassword: 1,
            firstname: LEARNER.first,
            lastname: LEARNER.last,
            email: LEARNER.email,
            phone2: LEARNER.phone,
            city: 'Toruń',
            country: 'PL',
          },
        ],
      },
    }),
  );
  await quietly(
    client.call({
      wsfunction: 'enrol_manual_enrol_users',
      method: 'POST',
      args: { enrolments: [{ roleid: 5, userid: 3318, courseid: 52 }] },
    }),
  );
  await quietly(
    client.call({
      wsfunction: 'core_calendar_create_calendar_events',
      method: 'POST',
      args: {
        events: [
          {
            name: TOPIC,
            description: `Live class on ${CORPUS.name}'s virtual classroom: ${JOIN_URL}`,
            courseid: 52,
            eventtype: 'course',
            timestart: 1796914800,
            timeduration: 5400,
          },
        ],
      },
    }),
  );
  await quietly(
    client.call({
      wsfunction: 'core_message_send_instant_messages',
      method: 'POST',
      args: {
        messages: [
          {
            touserid: 3318,
            text: `Hi ${LEARNER.first}, the recording of ${TOPIC} is now in the course.`,
            textformat: 1,
          },
        ],
      },
    }),
  );
});
