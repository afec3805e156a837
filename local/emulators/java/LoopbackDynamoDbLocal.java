import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * DynamoDB Local, listening on loopback only. Its own launcher has no option for the address and binds
 * every interface: on a venue's Wi-Fi anyone could then write an organiser credential into its tables.
 * This starts the same server from the same command line, with its Jetty connector bound to 127.0.0.1
 * before it opens. Run as a single-file program (`java -cp DynamoDBLocal.jar:... this-file.java args`).
 */
public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server jetty = (Server) field.get(proxy);
    int bound = 0;
    for (Connector connector : jetty.getConnectors()) {
      if (connector instanceof ServerConnector) {
        ((ServerConnector) connector).setHost("127.0.0.1");
        bound += 1;
      }
    }
    if (bound == 0) throw new IllegalStateException("no connector to bind to loopback: refusing to listen everywhere");
    proxy.start();
  }
}
