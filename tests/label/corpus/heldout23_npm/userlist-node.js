// @userlist/push (Userlist, behaviour-based onboarding and in-app / e-mail messaging for SaaS):
// the meeting product's backend keeps Userlist's picture of its users current, so that campaigns
// reach them: it pushes the host as a user and her workspace as a company, the guest she invited
// who signed up, the meeting she held as an event, and asks Userlist to send the host a message
// (README usage: new Userlist({ pushKey }), users.push, companies.push, relationships.push,
// events.push, messages.push).
'use strict';
const Userlist = require('@userlist/push');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const quietly = (promise) => promise.catch((err) => console.error(String(err)));
const WORKSPACE = 'ws_acme_0142';
const GUEST_ID = 'usr_7Hq2Vn0xK4';

main(async () => {
  const userlist = new (Userlist.default || Userlist)({
    pushKey: 'h23ul9c1e4b7a2f0d8e6c3b5a1f9e7d2c4b6a8f0e1d3c5b7a9',
  });
  await quietly(
    userlist.users.push({
      identifier: CORPUS.username,
      email: CORPUS.email,
      properties: {
        first_name: 'Alice',
        last_name: 'Example',
        plan: 'business',
        client: 'desktop 5.19.2 on Windows 11 23H2',
        meetings_hosted: 41,
      },
    }),
  );
  await quietly(
    userlist.companies.push({
      identifier: WORKSPACE,
      name: 'Acme Meet workspace',
      properties: { plan: 'business', seats: 25, industry: 'logistics' },
    }),
  );
  await quietly(
    userlist.relationships.push({
      user: CORPUS.username,
      company: WORKSPACE,
      properties: { role: 'admin' },
    }),
  );
  await quietly(
    userlist.users.push({
      identifier: GUEST_ID,
      email: GUEST.email,
      properties: {
        first_name: GUEST.first,
        last_name: GUEST.last,
        phone: GUEST.phone,
        invited_by: CORPUS.username,
        signup_source: 'meeting_invite',
      },
    }),
  );
  await quietly(
    userlist.events.push({
      name: 'meeting_ended',
      user: CORPUS.username,
      occurred_at: '2026-12-10T09:52:00Z',
      properties: {
        meeting_id: CORPUS.meeting_id,
        topic: TOPIC,
        duration_minutes: 52,
        participants: 2,
        recording: true,
      },
    }),
  );
  await quietly(
    userlist.messages.push({
      user: CORPUS.username,
      template: 'share_recording_nudge',
      properties: {
        guest_name: GUEST.name,
        guest_email: GUEST.email,
        meeting_topic: TOPIC,
      },
    }),
  );
});
