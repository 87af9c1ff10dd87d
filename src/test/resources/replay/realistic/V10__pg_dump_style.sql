SELECT pg_catalog.set_config('search_path', '', false);

CREATE TABLE public.legacy_accounts (
    id integer NOT NULL,
    code character varying(32) NOT NULL,
    opened timestamp without time zone DEFAULT now() NOT NULL,
    kind character(1) DEFAULT 'a'::bpchar
);

CREATE SEQUENCE public.legacy_accounts_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.legacy_accounts_id_seq OWNED BY public.legacy_accounts.id;
ALTER TABLE ONLY public.legacy_accounts ALTER COLUMN id SET DEFAULT nextval('public.legacy_accounts_id_seq'::regclass);
ALTER TABLE ONLY public.legacy_accounts ADD CONSTRAINT legacy_accounts_pkey PRIMARY KEY (id);
CREATE UNIQUE INDEX legacy_accounts_code_idx ON public.legacy_accounts USING btree (lower((code)::text));
COMMENT ON TABLE public.legacy_accounts IS 'accounts imported from the old system';
GRANT SELECT ON public.legacy_accounts TO PUBLIC;
