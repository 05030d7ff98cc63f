-- Followers of the article change stream (sitrep.ChangeFeed: the site's
-- local replica) read articles by (updated_at, seq) after their mark.
CREATE INDEX articles_changes ON articles (updated_at, seq);
