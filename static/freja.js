// Freja eID+ login page: keeps the status line current from Brygga's status endpoint
// (the browser never talks to Freja) and moves on when the login has ended.
(function () {
  'use strict';
  var section = document.getElementById('freja');
  if (!section) return;

  var statusUrl = section.getAttribute('data-status-url');
  var qrUrl = section.getAttribute('data-qr-url');
  var expiresAt = Date.parse(section.getAttribute('data-expires-at') || '') || 0;
  var statusLine = document.getElementById('freja-status');
  var qr = document.getElementById('freja-qr');
  var sameDevice = document.getElementById('freja-same-device');
  var time = document.getElementById('freja-time');
  var seconds = document.getElementById('freja-seconds');
  var finish = document.getElementById('freja-finish');
  var cancel = document.getElementById('freja-cancel');
  var pollMs = 2000;
  var stopped = false;

  finish.hidden = true;

  function showLive(appLink) {
    if (qr.hidden) {
      qr.src = qrUrl + '?t=' + Date.now();
      qr.hidden = false;
    }
    sameDevice.href = appLink;
    sameDevice.hidden = false;
  }

  function end(showContinue) {
    stopped = true;
    qr.hidden = true;
    sameDevice.hidden = true;
    time.hidden = true;
    cancel.hidden = true;
    finish.hidden = !showContinue;
  }

  function tick() {
    if (stopped || !expiresAt) return;
    var left = Math.max(0, Math.ceil((expiresAt - Date.now()) / 1000));
    seconds.textContent = String(left);
    time.hidden = false;
  }

  function apply(answer) {
    if (answer.message) statusLine.textContent = answer.message;
    if (answer.expiresAt) expiresAt = Date.parse(answer.expiresAt);
    if (answer.state === 'pending' && answer.appLink) showLive(answer.appLink);
    if (answer.state === 'approved') {
      end(false);
      finish.submit();
    } else if (answer.state === 'failed') {
      end(true);
    } else if (answer.state === 'gone' || answer.state === 'completed') {
      end(false);
    }
  }

  function poll() {
    if (stopped) return;
    fetch(statusUrl, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (response) {
        return response.json();
      })
      .then(apply)
      .catch(function () {
        /* a lost poll is retried on the next tick */
      })
      .then(function () {
        if (!stopped) setTimeout(poll, pollMs);
      });
  }

  setInterval(tick, 1000);
  tick();
  poll();
})();
