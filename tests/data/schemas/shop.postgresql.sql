-- DevDash test data: the "shop" sample schema, PostgreSQL dialect (psql -f).
-- The web shop of shop.sqlite.sql as a PostgreSQL application would declare it (see
-- README.md): explicitly named constraints, real and numeric prices, a nullable
-- shipped date, a self-referencing employee hierarchy. The schema diff test loads it
-- into two databases and changes one.

SET client_min_messages = warning;

CREATE TABLE category (
    category_id smallint NOT NULL,
    name character varying(120),
    description text,
    CONSTRAINT pk_category PRIMARY KEY (category_id)
);

CREATE TABLE employee (
    employee_id smallint NOT NULL,
    last_name character varying(20) NOT NULL,
    first_name character varying(20) NOT NULL,
    title character varying(30),
    reports_to smallint,
    hired_on date,
    CONSTRAINT pk_employee PRIMARY KEY (employee_id),
    CONSTRAINT fk_employee_reports_to FOREIGN KEY (reports_to) REFERENCES employee
);

CREATE TABLE customer (
    customer_id character varying(5) NOT NULL,
    company_name character varying(40) NOT NULL,
    contact_name character varying(30),
    email character varying(60),
    country character varying(15),
    CONSTRAINT pk_customer PRIMARY KEY (customer_id)
);

CREATE TABLE supplier (
    supplier_id smallint NOT NULL,
    company_name character varying(40) NOT NULL,
    country character varying(15),
    CONSTRAINT pk_supplier PRIMARY KEY (supplier_id)
);

CREATE TABLE product (
    product_id smallint NOT NULL,
    product_name character varying(40) NOT NULL,
    supplier_id smallint,
    category_id smallint,
    unit_price real,
    units_in_stock smallint,
    discontinued integer NOT NULL,
    CONSTRAINT pk_product PRIMARY KEY (product_id),
    CONSTRAINT fk_product_category FOREIGN KEY (category_id) REFERENCES category,
    CONSTRAINT fk_product_supplier FOREIGN KEY (supplier_id) REFERENCES supplier
);

CREATE TABLE orders (
    order_id smallint NOT NULL,
    customer_id character varying(5),
    employee_id smallint,
    order_date date,
    shipped_date date,
    freight real,
    CONSTRAINT pk_orders PRIMARY KEY (order_id),
    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customer,
    CONSTRAINT fk_orders_employee FOREIGN KEY (employee_id) REFERENCES employee
);

CREATE TABLE order_line (
    order_id smallint NOT NULL,
    product_id smallint NOT NULL,
    unit_price real NOT NULL,
    quantity smallint NOT NULL,
    discount real NOT NULL,
    CONSTRAINT pk_order_line PRIMARY KEY (order_id, product_id),
    CONSTRAINT fk_order_line_orders FOREIGN KEY (order_id) REFERENCES orders ON DELETE CASCADE,
    CONSTRAINT fk_order_line_product FOREIGN KEY (product_id) REFERENCES product
);

CREATE TABLE us_state (
    state_id smallint NOT NULL,
    state_name character varying(100),
    state_abbr character varying(2),
    CONSTRAINT pk_us_state PRIMARY KEY (state_id),
    CONSTRAINT us_state_abbr UNIQUE (state_abbr)
);
