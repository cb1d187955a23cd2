package cn.shuoshi.security.models;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XML as the engine reads it: namespace-aware, no DOCTYPE (the engine refuses one too, with XXE
 * processing off), entities and character references decoded, an element's text the concatenation
 * of its character data (CDATA and text around comments included).
 */
final class ModelXml {

  static final String XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;
  /** Camunda's extension namespace; the engine reads the old Activiti one as the same. */
  static final java.util.Set<String> CAMUNDA = java.util.Set.of("http://camunda.org/schema/1.0/bpmn",
      "http://activiti.org/bpmn", "http://camunda.org/schema/1.0/dmn");

  static boolean isCamunda(Node node) {
    return node.getNamespaceURI() != null && CAMUNDA.contains(node.getNamespaceURI());
  }

  private ModelXml() {}

  /** The document, or null when the bytes are not well-formed XML or declare a DOCTYPE. */
  static Document parse(byte[] bytes) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      });
      return builder.parse(new ByteArrayInputStream(bytes));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      return null;
    }
  }

  /** The element's own character data, as the engine's parser collects it. */
  static String text(Element element) {
    StringBuilder text = new StringBuilder();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(child.getNodeValue());
      }
    }
    return text.toString();
  }

  /**
   * The id of the element or of its nearest ancestor that has one, extension elements skipped: what a
   * designer selects in the Modeler.
   */
  static String idOf(Element element) {
    for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
      String id = isCamunda(e) ? "" : e.getAttribute("id");
      if (!id.isBlank()) {
        return id;
      }
    }
    return null;
  }

  static String localName(Node node) {
    return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
  }
}
