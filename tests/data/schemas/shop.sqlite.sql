-- DevDash test data: the "shop" sample schema, SQLite dialect.
-- A small web shop written for DevDash's tests (see README.md): named primary-key
-- constraints, a self-referencing foreign key, a table called after a keyword,
-- indexes on foreign keys, a view and a trigger. The schema diff and `devdash schema`
-- tests make known changes to copies of it.

CREATE TABLE category
(
    category_id INTEGER NOT NULL,
    name NVARCHAR(120),
    CONSTRAINT PK_category PRIMARY KEY (category_id)
);

CREATE TABLE employee
(
    employee_id INTEGER NOT NULL,
    last_name NVARCHAR(20) NOT NULL,
    first_name NVARCHAR(20) NOT NULL,
    title NVARCHAR(30),
    reports_to INTEGER,
    hired_on DATE,
    CONSTRAINT PK_employee PRIMARY KEY (employee_id),
    FOREIGN KEY (reports_to) REFERENCES employee (employee_id) ON DELETE NO ACTION ON UPDATE NO ACTION
);
CREATE INDEX IX_employee_reports_to ON employee (reports_to);

CREATE TABLE customer
(
    customer_id INTEGER NOT NULL,
    first_name NVARCHAR(40) NOT NULL,
    last_name NVARCHAR(20) NOT NULL,
    email NVARCHAR(60) NOT NULL,
    phone NVARCHAR(24),
    support_rep_id INTEGER,
    CONSTRAINT PK_customer PRIMARY KEY (customer_id),
    FOREIGN KEY (support_rep_id) REFERENCES employee (employee_id) ON DELETE NO ACTION ON UPDATE NO ACTION
);
CREATE UNIQUE INDEX UX_customer_email ON customer (email);
CREATE INDEX IX_customer_support_rep_id ON customer (support_rep_id);

CREATE TABLE address
(
    address_id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    line1 NVARCHAR(70) NOT NULL,
    city NVARCHAR(40) NOT NULL,
    postal_code NVARCHAR(10),
    country NVARCHAR(40) NOT NULL DEFAULT 'Ireland',
    CONSTRAINT PK_address PRIMARY KEY (address_id),
    FOREIGN KEY (customer_id) REFERENCES customer (customer_id) ON DELETE CASCADE ON UPDATE NO ACTION
);
CREATE INDEX IX_address_customer_id ON address (customer_id);

CREATE TABLE supplier
(
    supplier_id INTEGER NOT NULL,
    company_name NVARCHAR(80) NOT NULL,
    contact NVARCHAR(60),
    CONSTRAINT PK_supplier PRIMARY KEY (supplier_id)
);

CREATE TABLE product
(
    product_id INTEGER NOT NULL,
    name NVARCHAR(160) NOT NULL,
    category_id INTEGER NOT NULL,
    unit_price NUMERIC(10,2) NOT NULL,
    discontinued INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT PK_product PRIMARY KEY (product_id),
    FOREIGN KEY (category_id) REFERENCES category (category_id) ON DELETE NO ACTION ON UPDATE NO ACTION
);
CREATE INDEX IX_product_category_id ON product (category_id);

CREATE TABLE product_supplier
(
    product_id INTEGER NOT NULL,
    supplier_id INTEGER NOT NULL,
    CONSTRAINT PK_product_supplier PRIMARY KEY (product_id, supplier_id),
    FOREIGN KEY (product_id) REFERENCES product (product_id) ON DELETE CASCADE ON UPDATE NO ACTION,
    FOREIGN KEY (supplier_id) REFERENCES supplier (supplier_id) ON DELETE NO ACTION ON UPDATE NO ACTION
);
CREATE INDEX IX_product_supplier_supplier_id ON product_supplier (supplier_id);

CREATE TABLE "order"
(
    order_id INTEGER NOT NULL,
    customer_id INTEGER NOT NULL,
    ordered_at DATETIME NOT NULL,
    ship_to INTEGER,
    total NUMERIC(10,2) NOT NULL,
    CONSTRAINT PK_order PRIMARY KEY (order_id),
    FOREIGN KEY (customer_id) REFERENCES customer (customer_id) ON DELETE NO ACTION ON UPDATE NO ACTION,
    FOREIGN KEY (ship_to) REFERENCES address (address_id) ON DELETE SET NULL ON UPDATE NO ACTION
);
CREATE INDEX IX_order_customer_id ON "order" (customer_id);

CREATE TABLE order_line
(
    order_line_id INTEGER NOT NULL,
    order_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    unit_price NUMERIC(10,2) NOT NULL,
    quantity INTEGER NOT NULL,
    handled_by INTEGER,
    CONSTRAINT PK_order_line PRIMARY KEY (order_line_id),
    FOREIGN KEY (order_id) REFERENCES "order" (order_id) ON DELETE CASCADE ON UPDATE NO ACTION,
    FOREIGN KEY (product_id) REFERENCES product (product_id) ON DELETE NO ACTION ON UPDATE NO ACTION,
    FOREIGN KEY (handled_by) REFERENCES employee (employee_id) ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX IX_order_line_order_id ON order_line (order_id);
CREATE INDEX IX_order_line_product_id ON order_line (product_id);

CREATE VIEW customer_orders AS
    SELECT c.customer_id, c.email, count(o.order_id) AS orders
    FROM customer c LEFT JOIN "order" o ON o.customer_id = c.customer_id
    GROUP BY c.customer_id, c.email;

CREATE TRIGGER order_line_total AFTER INSERT ON order_line
BEGIN
    UPDATE "order" SET total = total + NEW.unit_price * NEW.quantity WHERE order_id = NEW.order_id;
END;
