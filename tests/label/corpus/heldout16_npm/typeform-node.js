// @typeform/api-client (Typeform forms and surveys): a meeting backend creates the post-meeting
// feedback form for the outside participant, with the meeting prefilled as hidden fields, points
// its webhook at the backend, shares the workspace with the participant and reads the answers
// back (README usage: createClient({token}), forms.create({data}),
// webhooks.create({uid, tag, url, enabled}), workspaces.addMembers({id, members}),
// responses.list({uid, query})).
'use strict';
const { createClient } = require('@typeform/api-client');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

async function quietly(what, call) {
  try {
    await call();
  } catch (err) {
    console.error(`${what}: ${err}`);
  }
}

main(async () => {
  const typeform = createClient({ token: 'tfp_h16c0r14Bq8Zx2Lw5Nv7Ks3Dm9Pr4Ty6Hg1Jc' });
  await quietly('forms.create', () =>
    typeform.forms.create({
      data: {
        title: `How was "${TOPIC}"?`,
        hidden: ['meeting_id', 'host_email'],
        welcome_screens: [
          {
            title: `${GUEST.name}, thank you for joining ${CORPUS.name} on ${TOPIC}.`,
            properties: { show_button: true, button_text: 'Start' },
          },
        ],
        fields: [
          {
            title: 'How useful was the meeting?',
            type: 'opinion_scale',
            ref: 'usefulness',
            properties: { steps: 5, start_at_one: true },
          },
          { title: 'What should we follow up on?', type: 'long_text', ref: 'follow_up' },
        ],
        settings: { language: 'en', is_public: false },
      },
    }),
  );
  await quietly('webhooks.create', () =>
    typeform.webhooks.create({
      uid: 'h16FbK2q',
      tag: `meeting-${CORPUS.meeting_id}-feedback`,
      url: `https://api.acme-meet.example/hooks/typeform/meeting/${CORPUS.meeting_id}`,
      enabled: true,
      secret: 'whsec_h16c0r14Vn5Qx8Lm2Rz7',
    }),
  );
  await quietly('workspaces.addMembers', () =>
    typeform.workspaces.addMembers({ id: 'h16Ws9Lq', members: [GUEST.email] }),
  );
  await quietly('responses.list', () =>
    typeform.responses.list({ uid: 'h16FbK2q', query: GUEST.email, pageSize: 25 }),
  );
});
