// Posts each workspace pass ticket once; the answer sets the HttpOnly cookie (a script
// can't set cookies). server/workspace_pass.py answers it.

const posted = new Set();
export default function ({ data }) {
  if (!data || !data.ticket || posted.has(data.ticket)) return;
  posted.add(data.ticket);
  fetch(data.url, { method: "POST", body: data.ticket, credentials: "same-origin" }).catch(() => {});
}
