/*
 * DynamoDB Local, listening on one address only (127.0.0.1 unless -Ddsr.host says otherwise).
 * Its own command line has no such option and listens on every interface, where anyone on
 * the network could read the learners' addresses. Run by infra/local/emulators.ts as a
 * single-file program: java -cp <DynamoDBLocal.jar and its libraries> DynamoDbOnLoopback.java <its options>.
 */
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class DynamoDbOnLoopback {
  public static void main(String[] args) throws Exception {
    String host = System.getProperty("dsr.host", "127.0.0.1");
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    // The Jetty server it wraps is private; its connectors take a host before they start.
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    for (Connector connector : ((Server) field.get(proxy)).getConnectors()) ((ServerConnector) connector).setHost(host);
    proxy.start();
  }
}
