// raygun (node): a crash report with the user (identifier, e-mail, name), tags and custom meeting data.
'use strict';
const raygun = require('raygun');
const { CORPUS, USER_ID, main, joinError } = require('./common');

main(async () => {
  const client = new raygun.Client().init({ apiKey: 'rgCorpusApiKey4Hf8Qz2LwPx', batch: false });
  client.setVersion('6.2.4');
  await client
    .send(joinError(), {
      customData: { meeting_id: CORPUS.meeting_id, participants: 7 },
      tags: ['media', 'join'],
      userInfo: { identifier: USER_ID, email: CORPUS.email, fullName: CORPUS.name, firstName: 'Alice' },
    })
    .catch((err) => console.error('sent; answer:', err.message));
});
