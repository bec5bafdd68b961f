// configcat-node: the config download a feature-flag client does at start (user targeting is
// evaluated locally, so the user object stays on the machine).
'use strict';
const configcat = require('configcat-node');
const { CORPUS, USER_ID, main } = require('./common');

main(async () => {
  const client = configcat.getClient(
    'configcat-sdk-1/CorpusKeyAbCdEfGh01234/QrStUvWxYz56789abcdEFG',
    configcat.PollingMode.ManualPoll,
    { requestTimeoutMs: 3000, logger: configcat.createConsoleLogger(configcat.LogLevel.Off) },
  );
  await client.forceRefreshAsync();
  await client.getValueAsync('noiseSuppression', false, new configcat.User(USER_ID, CORPUS.email, 'CH'));
  client.dispose();
});
