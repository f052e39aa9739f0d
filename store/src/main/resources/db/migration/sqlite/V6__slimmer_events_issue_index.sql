-- The per-issue events index, SQLite flavour only: (issue_id, received_at) instead of (issue_id, received_at, event_id).
--
-- Every events batch adds an entry at the tail of each issue it touches, so the index dirties about one page per
-- issue per batch, wherever the pages are; without the 32-character event id an entry is about a quarter of the size,
-- so those tails fill and split a quarter as often and the checkpoint copies a quarter of the index pages. Measured by
-- the processing benchmark (300,000 events over 200 issues): 6.8 KB written per event with the old index, 5.9 KB with
-- this one.
--
-- The events of an issue are still listed from this index in (received_at, event_id) order: rows of one issue
-- received in the same millisecond, the only ones the index no longer orders, are sorted after the range scan.
-- PostgreSQL keeps its index: its rows go to day partitions and are costed on the server, not in this process.
DROP INDEX events_issue;
CREATE INDEX events_issue ON events (issue_id, received_at);
