-- Ratings per book, for the shop front page.
CREATE OR REPLACE VIEW book_ratings AS
SELECT b.id                          AS book_id,
       b.title,
       count(r.id)                   AS review_count,
       avg(r.stars)::numeric(3, 2)   AS average_stars
  FROM books b
  LEFT JOIN reviews r ON r.book_id = b.id
 GROUP BY b.id, b.title;
