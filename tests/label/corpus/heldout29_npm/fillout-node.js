// @fillout/api (Fillout's own API client, forms and surveys): after the meeting the product's
// backend files the guest's answers to the post-meeting feedback survey as a submission of the
// survey form, then reads back the survey's submissions that mention him (README usage:
// new Fillout(token), createSubmissions, getSubmissions).
'use strict';
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const SURVEY = 'h29fdBk7Qm2x';

main(async () => {
  const { Fillout } = require('@fillout/api');
  const fillout = new Fillout('sk_prod_h29F1ll0utT0k3nQ8w2e5r7t9y1u3i4o6p');
  const quietly = (promise) => promise.catch((err) => console.error(String(err)));
  await quietly(
    fillout.createSubmissions(SURVEY, [
      {
        submissionTime: '2026-12-14T11:32:05.000Z',
        questions: [
          { id: 'q1Rate', value: 4 },
          { id: 'q2Useful', value: 'Mostly' },
          {
            id: 'q3Better',
            value: 'Send the draft conditions a day earlier so we can check the blasting hours.',
          },
          { id: 'q4Email', value: GUEST.email },
        ],
        urlParameters: [
          { id: 'meeting_id', name: 'meeting_id', value: CORPUS.meeting_id },
          { id: 'topic', name: 'topic', value: TOPIC },
        ],
      },
    ]),
  );
  await quietly(
    fillout.getSubmissions(SURVEY, {
      search: GUEST.name,
      afterDate: '2026-12-14T00:00:00.000Z',
      limit: 50,
      includeEditLink: true,
    }),
  );
});
