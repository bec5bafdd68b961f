// @formbricks/api (Formbricks in-app surveys and experience management): the meeting client asks
// the corpus user a post-meeting survey; it sets the contact's attributes, records that the
// survey was displayed, creates the response and completes it (README usage:
// new FormbricksAPI({apiHost, environmentId}), client.attribute.update, client.display.create,
// client.response.create, client.response.update).
'use strict';
const { FormbricksAPI } = require('@formbricks/api');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

async function quietly(what, call) {
  try {
    const result = await call();
    if (result && result.ok === false) console.error(`${what}: ${JSON.stringify(result.error)}`);
  } catch (err) {
    console.error(`${what}: ${err}`);
  }
}

main(async () => {
  const api = new FormbricksAPI({
    apiHost: 'https://app.formbricks.com',
    environmentId: 'cm1h17c0r17env8qx3lv5tn2',
  });
  const surveyId = 'cm1h17c0r17srv4kd9wp6rb1';
  await quietly('attribute', () =>
    api.client.attribute.update({
      userId: CORPUS.username,
      attributes: {
        email: CORPUS.email,
        name: CORPUS.name,
        plan: 'Business',
        language: 'en-GB',
        meetings_hosted: 41,
      },
    }),
  );
  await quietly('display', () =>
    api.client.display.create({ surveyId, userId: CORPUS.username }),
  );
  await quietly('response', () =>
    api.client.response.create({
      surveyId,
      userId: CORPUS.username,
      finished: false,
      data: { meeting_quality: 4 },
      ttc: { meeting_quality: 3120 },
      meta: {
        source: 'meeting-end',
        url: `https://meet.acme-meet.example/j/${CORPUS.meeting_id}/ended`,
        userAgent: { browser: 'Chrome', os: 'macOS', device: 'desktop' },
      },
      variables: { meeting_id: String(CORPUS.meeting_id) },
      hiddenFields: { meeting_topic: TOPIC },
      language: 'en',
    }),
  );
  await quietly('response update', () =>
    api.client.response.update({
      responseId: 'cm1h17c0r17rsp2ty7hv0zq5',
      finished: true,
      data: {
        meeting_quality: 4,
        what_went_wrong: `${GUEST.name}'s audio dropped twice while she presented the silo probe readings.`,
      },
      ttc: { what_went_wrong: 18400 },
      language: 'en',
    }),
  );
});
