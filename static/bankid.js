// BankID login page: refreshes the animated QR code every second and polls Brygga's
// status route (which collects from BankID server-side). The browser never talks to BankID.
(function () {
  'use strict';
  var root = document.getElementById('bankid');
  if (!root) return;
  var statusUrl = root.getAttribute('data-status-url');
  var qrUrl = root.getAttribute('data-qr-url');
  var qr = document.getElementById('bankid-qr');
  var statusLine = document.getElementById('bankid-status');
  var finished = false;
  var failures = 0;

  function refreshQr() {
    if (finished || !qr) return;
    qr.src = qrUrl + '?t=' + Date.now();
  }

  function poll() {
    if (finished) return;
    fetch(statusUrl, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('status ' + response.status);
        return response.json();
      })
      .then(function (status) {
        failures = 0;
        if (status.message && statusLine) statusLine.textContent = status.message;
        if (status.next) {
          finished = true;
          window.location.assign(status.next);
        }
      })
      .catch(function () {
        failures += 1;
        if (failures >= 10) {
          finished = true;
          window.location.reload();
        }
      });
  }

  if (qr) {
    qr.addEventListener('error', function () {
      qr.style.visibility = 'hidden';
    });
    qr.addEventListener('load', function () {
      qr.style.visibility = 'visible';
    });
  }
  setInterval(function () {
    refreshQr();
    poll();
  }, 1000);
  // Coming back from the BankID app on the same device: look at once.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') poll();
  });
  poll();
})();
