create table products (
    sku         varchar(64) primary key,
    name        text not null,
    price_cents integer not null check (price_cents > 0),
    tags        text[] not null default '{}'
);

create table product_reviews (
    id     integer generated always as identity primary key,
    sku    varchar(64) not null references products on delete cascade,
    rating smallint not null check (rating between 1 and 5),
    body   text
);

create index product_reviews_sku_idx on product_reviews (sku);
