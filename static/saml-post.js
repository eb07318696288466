// Sends a SAML message on by HTTP-POST (SAML bindings 3.5.4) without an inline script.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.querySelector('form[data-saml-autosubmit]');
  if (form) form.submit();
});
