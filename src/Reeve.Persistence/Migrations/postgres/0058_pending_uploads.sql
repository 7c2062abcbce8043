-- Files uploaded in the browser between their preview and the officer's "Confirm and import" (issue 17): the bytes
-- previewed are kept, keyed by their SHA-256, so the file committed is exactly the file previewed. A row is deleted in
-- the import's own transaction when it is confirmed, and rows past their expiry are cleared on the next upload.
create table pending_upload (
    council_id integer not null references council (council_id),
    kind text not null,
    sha256 text not null,
    file_name text not null,
    options text not null,
    content bytea not null,
    size_bytes bigint not null,
    uploaded_by text not null,
    uploaded_at timestamptz not null,
    expires_at timestamptz not null,
    primary key (council_id, kind, sha256)
);
