CREATE TABLE "Tag" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    CONSTRAINT "PK_Tag" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "UQ_Tag_name" ON "Tag" ("name");

CREATE TABLE "post_tags_tag" (
    "postId" INTEGER NOT NULL,
    "tagId" INTEGER NOT NULL,
    CONSTRAINT "PK_post_tags_tag" PRIMARY KEY ("postId", "tagId")
);

CREATE INDEX "IDX_post_tags_tag_postId" ON "post_tags_tag" ("postId");

CREATE INDEX "IDX_post_tags_tag_tagId" ON "post_tags_tag" ("tagId");

ALTER TABLE "post_tags_tag" ADD CONSTRAINT "FK_post_tags_tag_postId" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "post_tags_tag" ADD CONSTRAINT "FK_post_tags_tag_tagId" FOREIGN KEY ("tagId") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;
