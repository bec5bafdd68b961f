// countly-sdk-nodejs: a session with device metrics, user details, a meeting event, a crash.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const Countly = require('countly-sdk-nodejs');
const { CORPUS, USER_ID, main, sleep, joinError } = require('./common');

main(async () => {
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'countly-corpus-'));
  Countly.init({
    app_key: 'c0un7lyappkey0corpus5e4d3c2b1a0f9e8d7c6b',
    url: 'https://meetcorp.count.ly',
    device_id: CORPUS.machine_id,
    storage_path: storage,
    interval: 200,
    fail_timeout: 60,
    metrics: { _os: 'Linux', _os_version: '6.1.0', _app_version: '6.2.4', _locale: 'de_CH', _resolution: '2560x1440' },
  });
  Countly.begin_session(true);
  Countly.user_details({ name: CORPUS.name, username: CORPUS.username, email: CORPUS.email, custom: { user_id: USER_ID } });
  Countly.add_event({ key: 'meeting_joined', count: 1, segmentation: { meeting_id: CORPUS.meeting_id, role: 'host', video: 'on' } });
  Countly.log_error(joinError(), { meeting_id: CORPUS.meeting_id });
  await sleep(4000);
  fs.rmSync(storage, { recursive: true, force: true });
});
