-- Lead nurturing delivery: the content catalog, tracked links and the marketing frequency cap.
-- Portable between H2 2.x and PostgreSQL 15.

-- The only source of links a nurture e-mail may recommend.
CREATE TABLE content_item (
    id         VARCHAR(100)  NOT NULL PRIMARY KEY,
    kind       VARCHAR(20)   NOT NULL,
    language   VARCHAR(10)   NOT NULL,
    interest   VARCHAR(40)   NOT NULL,
    title      VARCHAR(300)  NOT NULL,
    url        VARCHAR(2000) NOT NULL,
    summary    VARCHAR(1000) NOT NULL,
    -- order of recommendation within (interest, language): the first item goes in the first e-mail
    sort_order INTEGER DEFAULT 0 NOT NULL,
    CONSTRAINT ck_content_item_kind CHECK (kind IN ('course', 'webinar', 'case-study')),
    CONSTRAINT ck_content_item_language CHECK (language IN ('es', 'pt-BR', 'en')),
    CONSTRAINT ck_content_item_interest
        CHECK (interest IN ('ai-courses', 'marketing-automation', 'document-generation')),
    CONSTRAINT ck_content_item_url CHECK (url LIKE 'https://escala.io/%')
);

CREATE INDEX ix_content_item_interest ON content_item (interest, language, sort_order);
CREATE INDEX ix_content_item_url ON content_item (url);

INSERT INTO content_item (id, kind, language, interest, title, url, summary, sort_order) VALUES
-- Español
('ia-generativa-para-educadores-es', 'course', 'es', 'ai-courses',
 'IA generativa para educadores',
 'https://escala.io/es/cursos/ia-generativa-para-educadores',
 'Curso en línea de 4 semanas: prepara clases, rúbricas y evaluaciones con IA, con ejemplos de aulas de México, Colombia y Chile.', 1),
('webinar-ia-en-la-capacitacion-es', 'webinar', 'es', 'ai-courses',
 'Webinar: IA en la capacitación de tu equipo',
 'https://escala.io/es/webinars/ia-en-la-capacitacion',
 'Una hora en vivo sobre cómo diseñar rutas de aprendizaje con IA sin perder el control del contenido. Incluye la grabación.', 2),
('caso-instituto-tecnico-medellin-es', 'case-study', 'es', 'ai-courses',
 'Caso: un instituto técnico de Medellín lanzó 12 cursos con tutor de IA en un semestre',
 'https://escala.io/es/casos/instituto-tecnico-medellin',
 'Cómo un equipo de tres docentes pasó de clases presenciales a cursos en línea con tutoría automática y mejor retención.', 3),
('automatizacion-de-marketing-desde-cero-es', 'course', 'es', 'marketing-automation',
 'Automatización de marketing desde cero',
 'https://escala.io/es/cursos/automatizacion-de-marketing-desde-cero',
 'Segmenta contactos, arma secuencias de correo y mide resultados paso a paso, pensado para equipos pequeños.', 1),
('caso-tienda-en-linea-monterrey-es', 'case-study', 'es', 'marketing-automation',
 'Caso: una tienda en línea de Monterrey duplicó sus ventas recurrentes',
 'https://escala.io/es/casos/tienda-en-linea-monterrey',
 'Secuencias automáticas de bienvenida y recompra que duplicaron los pedidos repetidos en seis meses.', 2),
('webinar-contratos-y-propuestas-es', 'webinar', 'es', 'document-generation',
 'Webinar: contratos y propuestas generados en minutos',
 'https://escala.io/es/webinars/contratos-y-propuestas-automaticas',
 'Plantillas con datos de tu CRM, aprobación en un clic y firma electrónica: una demostración en vivo con preguntas.', 1),
('caso-estudio-contable-santiago-es', 'case-study', 'es', 'document-generation',
 'Caso: un estudio contable de Santiago emite 3.000 documentos al mes sin errores',
 'https://escala.io/es/casos/estudio-contable-santiago',
 'De planillas copiadas a mano a documentos generados y revisados automáticamente para cada cliente.', 2),
-- Português (Brasil)
('ia-generativa-para-educadores-pt-br', 'course', 'pt-BR', 'ai-courses',
 'IA generativa para educadores',
 'https://escala.io/pt-br/cursos/ia-generativa-para-educadores',
 'Curso online de 4 semanas: prepare aulas, rubricas e avaliações com IA, com exemplos de escolas brasileiras.', 1),
('caso-escola-de-idiomas-curitiba-pt-br', 'case-study', 'pt-BR', 'ai-courses',
 'Caso: escola de idiomas em Curitiba personaliza trilhas de estudo com IA',
 'https://escala.io/pt-br/casos/escola-de-idiomas-curitiba',
 'Como a escola reduziu a evasão em 30% com trilhas adaptadas ao nível de cada aluno.', 2),
('automacao-de-marketing-do-zero-pt-br', 'course', 'pt-BR', 'marketing-automation',
 'Automação de marketing do zero',
 'https://escala.io/pt-br/cursos/automacao-de-marketing-do-zero',
 'Segmente contatos, monte réguas de e-mail e acompanhe resultados passo a passo, para equipes pequenas.', 1),
('webinar-reguas-de-relacionamento-pt-br', 'webinar', 'pt-BR', 'marketing-automation',
 'Webinar: réguas de relacionamento que convertem',
 'https://escala.io/pt-br/webinars/reguas-de-relacionamento',
 'Uma hora ao vivo com exemplos reais de réguas de nutrição para SaaS e educação, com gravação disponível.', 2),
('geracao-de-documentos-com-modelos-pt-br', 'course', 'pt-BR', 'document-generation',
 'Geração de documentos com modelos inteligentes',
 'https://escala.io/pt-br/cursos/geracao-de-documentos',
 'Crie contratos, propostas e certificados a partir de modelos e dados do seu CRM, com revisão antes do envio.', 1),
('caso-escritorio-advocacia-sao-paulo-pt-br', 'case-study', 'pt-BR', 'document-generation',
 'Caso: escritório de advocacia em São Paulo reduz em 70% o tempo de contratos',
 'https://escala.io/pt-br/casos/escritorio-advocacia-sao-paulo',
 'Minutas geradas a partir de modelos aprovados pelos sócios, com revisão humana de cada cláusula variável.', 2),
-- English
('generative-ai-for-educators-en', 'course', 'en', 'ai-courses',
 'Generative AI for educators',
 'https://escala.io/en/courses/generative-ai-for-educators',
 'A 4-week online course: prepare lessons, rubrics and assessments with AI, with examples from Latin American classrooms.', 1),
('webinar-ai-in-team-training-en', 'webinar', 'en', 'ai-courses',
 'Webinar: AI in team training',
 'https://escala.io/en/webinars/ai-in-team-training',
 'One live hour on designing AI-assisted learning paths without losing control of the content. Recording included.', 2),
('marketing-automation-from-scratch-en', 'course', 'en', 'marketing-automation',
 'Marketing automation from scratch',
 'https://escala.io/en/courses/marketing-automation-from-scratch',
 'Segment contacts, build e-mail sequences and measure results step by step, made for small teams.', 1),
('case-monterrey-online-store-en', 'case-study', 'en', 'marketing-automation',
 'Case study: a Monterrey online store doubled its repeat sales',
 'https://escala.io/en/case-studies/monterrey-online-store',
 'Automated welcome and reorder sequences that doubled repeat orders in six months.', 2),
('webinar-contracts-and-proposals-en', 'webinar', 'en', 'document-generation',
 'Webinar: contracts and proposals in minutes',
 'https://escala.io/en/webinars/contracts-and-proposals',
 'Templates filled from your CRM, one-click approval and e-signature: a live demo with Q&A.', 1),
('case-santiago-accounting-firm-en', 'case-study', 'en', 'document-generation',
 'Case study: a Santiago accounting firm issues 3,000 documents a month without errors',
 'https://escala.io/en/case-studies/santiago-accounting-firm',
 'From hand-copied spreadsheets to documents generated and checked automatically for every client.', 2);

-- Links in nurture e-mails: /t/{token} reports the click and redirects to target_url.
CREATE TABLE tracking_link (
    -- 128 random bits, base64url
    token      VARCHAR(32)   NOT NULL PRIMARY KEY,
    lead_key   VARCHAR(320)  NOT NULL,
    content_id VARCHAR(100)  NOT NULL,
    target_url VARCHAR(2000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- erasure removes a lead's links
CREATE INDEX ix_tracking_link_lead_key ON tracking_link (lead_key);

-- One row per contact that ever got a marketing e-mail: locked (SELECT ... FOR UPDATE) while a send is reserved,
-- so concurrent jobs for one address cannot both pass the weekly cap.
CREATE TABLE marketing_contact (
    email      VARCHAR(320) NOT NULL PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every marketing e-mail reserved against the cap; send_key is the e-mail's idempotency key.
CREATE TABLE marketing_send (
    id       BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    email    VARCHAR(320)  NOT NULL,
    send_key VARCHAR(1024) NOT NULL,
    sent_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_marketing_send_key UNIQUE (send_key),
    CONSTRAINT fk_marketing_send_contact FOREIGN KEY (email) REFERENCES marketing_contact (email) ON DELETE CASCADE
);

CREATE INDEX ix_marketing_send_email ON marketing_send (email, sent_at);
