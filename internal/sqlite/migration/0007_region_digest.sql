-- 0007_region_digest: the daily digest of one region reads its tips by
-- region and time: the bounds of a region's day are one range of this
-- index, and its tips are read through it rather than through the whole
-- day of every region.
CREATE INDEX tips_region_created ON tips (region, created_at);
