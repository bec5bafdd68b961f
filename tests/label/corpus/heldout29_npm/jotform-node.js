// jotform (Jotform's own Node API client): before the meeting the product's backend files the
// guest's answers to the pre-meeting intake form, after it imports the two participants'
// post-meeting feedback into the feedback form in one call, and looks up the guest's submissions
// (README usage: new Jotform(apiKey), form.addSubmission, form.addSubmissions,
// form.getSubmissions).
'use strict';
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const INTAKE_FORM = '253407716245052';
const FEEDBACK_FORM = '253407716245069';

main(async () => {
  const Jotform = require('jotform').default;
  const jotform = new Jotform('h29j0tf0rmk3y7c1e9a2b5d8f0a4c6e1');
  const quietly = (promise) => promise.catch((err) => console.error(String(err)));
  await quietly(
    jotform.form.addSubmission(INTAKE_FORM, {
      '3_first': GUEST.first,
      '3_last': GUEST.last,
      4: GUEST.email,
      5: GUEST.phone,
      6: 'Burren Stoneworks Ltd',
      7: TOPIC,
      8: 'Restart of extraction at the Ballyvaughan face, blasting hours, haul route',
      9: CORPUS.meeting_id,
    }),
  );
  await quietly(
    jotform.form.addSubmissions(FEEDBACK_FORM, [
      {
        3: { text: GUEST.email },
        4: { text: '4' },
        5: { text: 'Clear on the conditions; we still need the bat survey dates.' },
        6: { text: CORPUS.meeting_id },
      },
      {
        3: { text: CORPUS.email },
        4: { text: '5' },
        5: { text: 'Good session, the applicant came prepared.' },
        6: { text: CORPUS.meeting_id },
      },
    ]),
  );
  await quietly(
    jotform.form.getSubmissions(INTAKE_FORM, {
      limit: 20,
      filter: { fullText: GUEST.name },
      orderby: 'created_at',
    }),
  );
});
